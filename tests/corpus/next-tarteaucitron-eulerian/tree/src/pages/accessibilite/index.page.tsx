import Head from 'next/head'

export default function Accessibilite() {
  return (
    <>
      <Head><title>Déclaration d'accessibilité | Portail jeunes</title></Head>
      <h1>Déclaration d'accessibilité</h1>
      <p>Le ministère s'engage à rendre ses sites accessibles conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
      <h2>État de conformité</h2>
      <p>Le portail est en conformité partielle avec le RGAA 4.1. Audit réalisé en janvier 2024.</p>
      <h2>Contenus non accessibles</h2>
      <p>Certaines cartes interactives n'ont pas d'alternative textuelle.</p>
      <h2>Voies de recours</h2>
      <p>Vous pouvez saisir le Défenseur des droits.</p>
    </>
  )
}
