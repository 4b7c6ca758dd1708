const { key, enabled } = gon.matomo || {};

if (enabled) {
  window._paq = window._paq || [];
  const url = '//stats.example.gouv.fr/';

  window._paq.push(['setDoNotTrack', true]);
  window._paq.push(['trackPageView']);
  window._paq.push(['setTrackerUrl', `${url}matomo.php`]);
  window._paq.push(['setSiteId', key]);

  const script = document.createElement('script');
  script.async = true;
  script.src = `${url}matomo.js`;
  document.head.appendChild(script);
}
