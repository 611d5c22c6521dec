/** The children's home (留守兒童之家): opening times, duty, the session log. Being built. */
export function HomePage(_props: { term?: string | undefined }) {
  return null
}
