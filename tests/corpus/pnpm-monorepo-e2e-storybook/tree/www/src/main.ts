import { createApp } from 'vue'
import * as Sentry from '@sentry/vue'
import { installMatomo } from 'shared/src/matomo'
import App from './App.vue'

const app = createApp(App)
Sentry.init({ app, dsn: import.meta.env.VITE_SENTRY_DSN })
installMatomo(app)
app.mount('#app')
