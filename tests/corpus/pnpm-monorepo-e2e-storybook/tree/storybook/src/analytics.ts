// Usage statistics of the design team's component catalogue, never deployed with the site.
declare function gtag(...args: unknown[]): void
gtag('config', 'G-STORYBOOK1')
