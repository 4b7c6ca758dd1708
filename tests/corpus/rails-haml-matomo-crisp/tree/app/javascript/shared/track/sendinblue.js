const { key, enabled, administrateur } = gon.sendinblue || {};

if (enabled) {
  window.sib = { equeue: [], client_key: key, email_id: administrateur.email };

  const script = document.createElement('script');
  script.async = true;
  script.src = `https://sibautomation.com/sa.js?key=${window.sib.client_key}`;
  document.head.appendChild(script);

  window.sib.equeue.push({ identify: [administrateur.email] });
}
