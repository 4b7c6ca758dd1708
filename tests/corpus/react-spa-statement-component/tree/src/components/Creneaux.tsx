import { useTranslation } from 'react-i18next'

export function Creneaux({ creneaux, onChoix }: { creneaux: string[]; onChoix: (c: string) => void }) {
  const { t } = useTranslation()
  return (
    <div>
      <input type="search" placeholder={t('rechercher')} />
      <input type="text" aria-labelledby="titre-creneaux" />
      {creneaux.map((c) => <button key={c} onClick={() => onChoix(c)}>{c}</button>)}
      <a href="/annuler" onClick={() => onChoix('')}></a>
      <img src="/img/calendrier.svg" alt={t('calendrier')} />
    </div>
  )
}
