import { CookiesService } from '../../cookies/cookies.service'

// The ministry's tag manager, enabled through the consent manager by its service name.
export class MatomoTagManagerAnalyticsService {
  private static SERVICE = 'matomotm'

  constructor(private readonly cookiesService: CookiesService) {
    this.cookiesService.addUser('matomotmUrl', process.env.NEXT_PUBLIC_TAG_MANAGER_URL)
    this.cookiesService.addService(MatomoTagManagerAnalyticsService.SERVICE)
  }
}
