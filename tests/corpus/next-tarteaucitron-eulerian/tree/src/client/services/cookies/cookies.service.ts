// The consent manager behind an interface: services are enabled by name after consent.
export interface CookiesService {
  addService(name: string): void
  addUser(name: string, value: string | undefined): void
  isServiceAllowed(name: string): boolean
}

export class TarteAuCitronCookiesService implements CookiesService {
  constructor(private readonly tarteaucitron: { job?: string[]; user: Record<string, unknown> }) {
    this.tarteaucitron.job = this.tarteaucitron.job || []
  }

  addService(name: string): void {
    this.tarteaucitron.job?.push(name)
  }

  addUser(name: string, value: string | undefined): void {
    this.tarteaucitron.user[name] = value
  }

  isServiceAllowed(name: string): boolean {
    return (this.tarteaucitron.job ?? []).includes(name)
  }
}
