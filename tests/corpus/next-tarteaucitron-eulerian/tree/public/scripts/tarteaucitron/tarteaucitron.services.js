/* Catalogue of services the consent manager knows how to load once the user accepts them. */
tarteaucitron.services.gtag = {
  key: 'gtag',
  type: 'analytic',
  name: 'Google Analytics (GA4)',
  js: function () {
    tarteaucitron.addScript('https://www.googletagmanager.com/gtag/js?id=' + tarteaucitron.user.gtagUa, '', function () {
      window.gtag = function gtag() { window.dataLayer.push(arguments); };
    });
  }
};
tarteaucitron.services.hotjar = {
  key: 'hotjar',
  type: 'analytic',
  name: 'Hotjar',
  js: function () {
    tarteaucitron.addScript('https://static.hotjar.com/c/hotjar-' + window._hjSettings.hjid + '.js?sv=6');
  }
};
tarteaucitron.services.facebookpixel = {
  key: 'facebookpixel',
  type: 'ads',
  name: 'Facebook Pixel',
  js: function () {
    tarteaucitron.addScript('https://connect.facebook.net/en_US/fbevents.js');
  }
};
