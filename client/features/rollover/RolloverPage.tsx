/** The turn of the year: a preview of every change, then one action (coordinators). Being built. */
export function RolloverPage() {
  return null
}
