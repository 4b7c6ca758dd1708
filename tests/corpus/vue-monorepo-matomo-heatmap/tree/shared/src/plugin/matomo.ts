import VueMatomo from 'vue-matomo'
import type { App } from 'vue'

export const MatomoPlugin = {
  install(app: App) {
    app.use(VueMatomo, {
      host: 'https://stats.example.gouv.fr',
      siteId: 32,
      router: app.config.globalProperties.$router,
      enableLinkTracking: true,
    })
    if (typeof window !== 'undefined' && window._paq) {
      window._paq.push(['setConsentGiven'])
      window._paq.push(['HeatmapSessionRecording::enable'])
    }
  },
}
