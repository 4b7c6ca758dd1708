tarteaucitron.lang = {
  "alertBigPrivacy": "En poursuivant votre navigation, vous acceptez l'utilisation de services tiers.",
  "acceptAll": "Tout accepter",
  "denyAll": "Tout refuser"
};
