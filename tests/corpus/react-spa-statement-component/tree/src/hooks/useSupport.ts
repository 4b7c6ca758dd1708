import Intercom from '@intercom/messenger-js-sdk'

export function useSupport(appId: string, user?: { email: string; name: string }) {
  Intercom({ app_id: appId, email: user?.email, name: user?.name })
}
