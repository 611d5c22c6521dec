/** A term's gift and aid rounds, and one round's recipients (SPEC T6). Being built. */
export function AidPage(_props: { term?: string | undefined; distId?: string | undefined }) {
  return null
}
