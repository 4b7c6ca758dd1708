// "ga" stands for "gestion des abonnements": newsletter subscriptions, not analytics.
const ga = {
  send(form) { return fetch('/abonnements', { method: 'POST', body: new FormData(form) }) },
  create(email) { return { email, listes: ['lettre-mensuelle'] } },
}
const segment = window.location.pathname.split('/')[1]
document.querySelectorAll('form.abonnement').forEach((f) => f.addEventListener('submit', (e) => {
  e.preventDefault()
  ga.send(f)
}))
export { ga, segment }
