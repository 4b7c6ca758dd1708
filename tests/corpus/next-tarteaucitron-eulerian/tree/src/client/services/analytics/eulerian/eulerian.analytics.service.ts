// Audience measurement of the ministry's sites, loaded after consent.
export class EulerianAnalyticsService {
  constructor(private readonly cookies: { isServiceAllowed(name: string): boolean }) {}

  initialize(): void {
    if (!this.cookies.isServiceAllowed('eulerian')) return
    const script = document.createElement('script')
    script.src = 'https://example.eulerian.net/ea.js'
    document.head.appendChild(script)
  }
}
