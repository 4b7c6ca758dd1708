import Link from 'next/link'

export function Footer() {
  return (
    <footer className="fr-footer">
      <Link href="/accessibilite">Accessibilité : partiellement conforme</Link>
      <a href="https://www.gouvernement.fr"><img src="/images/marianne.svg" /></a>
      <a href="/plan-du-site" aria-label="Plan du site"><span className="fr-icon-map" /></a>
    </footer>
  )
}
