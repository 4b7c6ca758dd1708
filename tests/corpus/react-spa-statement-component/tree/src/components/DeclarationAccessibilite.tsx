type Props = { service: string }

export default function DeclarationAccessibilite({ service }: Props) {
  return (
    <section>
      <h1>Déclaration d'accessibilité</h1>
      <p>La préfecture s'engage à rendre le service {service} accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
      <h2>État de conformité</h2>
      <p>Le service est en conformité partielle avec le RGAA 4.1 (taux de conformité : 72 %). Audit réalisé en mars 2024.</p>
      <h2>Contenus non accessibles</h2>
      <p>Le calendrier de choix du créneau n'est pas utilisable au clavier.</p>
      <h2>Voies de recours</h2>
      <p>Vous pouvez saisir le Défenseur des droits.</p>
    </section>
  )
}
