import type { App } from 'vue'

export const CrispPlugin = {
  install(_app: App, options: { websiteId: string }) {
    window.$crisp = [['safe', true]]
    window.CRISP_WEBSITE_ID = options.websiteId
    const s = document.createElement('script')
    s.src = 'https://client.crisp.chat/l.js'
    s.async = true
    document.head.appendChild(s)
  },
}
