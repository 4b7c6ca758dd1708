import DeclarationAccessibilite from '../components/DeclarationAccessibilite'

export default function Accessibilite() {
  return <DeclarationAccessibilite service="Prise de rendez-vous" />
}
