// (adsbygoogle = window.adsbygoogle || []).push({}); -- advertising removed by the council in 2021
/* fbq('init', '1234567890'); fbq('track', 'PageView'); */
const horaires = document.querySelector('#horaires')
horaires.textContent = 'Ouvert du lundi au samedi'
