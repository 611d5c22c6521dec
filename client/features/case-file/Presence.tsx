import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Awareness } from 'y-protocols/awareness'

/** Who else has this file open right now. */
export function Presence({ awareness }: { awareness: Awareness }) {
  const { t, i18n } = useTranslation()
  const [names, setNames] = useState<string[]>([])
  useEffect(() => {
    const read = () => {
      const others: string[] = []
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return
        const user: unknown = (state as { user?: unknown }).user
        const name = typeof user === 'object' && user !== null ? (user as { name?: unknown }).name : undefined
        if (typeof name === 'string' && name !== '') others.push(name.slice(0, 20))
      })
      setNames([...new Set(others)])
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness])
  if (names.length === 0) return null
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names)
  return (
    <p className="presence" data-testid="presence">
      {t('child.here', { names: list })}
    </p>
  )
}
