import { useEffect, useRef } from 'react'

/**
 * Moves focus to a step's heading when the step appears, so a screen reader announces the
 * new step and a phone shows its top instead of staying scrolled to the old step's buttons.
 */
export function useStepFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  useEffect(() => {
    ref.current?.focus()
    ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [])
  return ref
}
