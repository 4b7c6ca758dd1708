module.exports = {
  title: 'Documentation du simulateur',
  plugins: [['@docusaurus/plugin-google-gtag', { trackingID: 'G-DOCS12345', anonymizeIP: true }]],
}
