export function App() {
  return (
    <main>
      <h1>Simulateur d'aides</h1>
      <label htmlFor="revenus">Revenus annuels</label>
      <input id="revenus" type="number" />
      <button type="button" onClick={() => window.print()}><img src="/print.svg" alt="Imprimer" /></button>
      <button type="button" className="fr-icon-close-line"></button>
    </main>
  )
}
