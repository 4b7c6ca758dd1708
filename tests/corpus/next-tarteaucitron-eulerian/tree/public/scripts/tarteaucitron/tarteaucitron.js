/* Consent manager core: shows the banner and loads the services the user accepted. */
var tarteaucitron = {
  version: 20240101,
  init: function (params) { tarteaucitron.parameters = params; },
  addScript: function (url, id, callback) {
    var script = document.createElement('script');
    script.src = url;
    script.onload = callback;
    document.head.appendChild(script);
  }
};
