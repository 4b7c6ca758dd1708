const { key, enabled, administrateur } = gon.crisp || {};

if (enabled) {
  window.$crisp = [];
  window.CRISP_WEBSITE_ID = key;

  const script = document.createElement('script');
  script.async = true;
  script.src = 'https://client.crisp.chat/l.js';
  document.head.appendChild(script);

  window.$crisp.push(['set', 'user:email', [administrateur.email]]);
}
