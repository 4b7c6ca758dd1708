import { EulerianAnalyticsService } from './eulerian.analytics.service'

describe('EulerianAnalyticsService', () => {
  it('does not load the script without consent', () => {
    const service = new EulerianAnalyticsService({ isServiceAllowed: () => false })
    service.initialize()
    expect(document.querySelector('script[src*="eulerian.net"]')).toBeNull()
  })
})
