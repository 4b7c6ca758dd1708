import type { App } from 'vue'
import VueMatomo from 'vue-matomo'

// Audience measurement on the ministry's own Matomo, shared by every front end.
export function installMatomo(app: App): void {
  app.use(VueMatomo, { host: import.meta.env.VITE_MATOMO_URL, siteId: 3 })
}
