/**
 * An answer's body passed on as it streams, piece by piece, through `take`, which says what of
 * each piece gets through and whether the link breaks there: the pieces before a break arrive,
 * then reading the body fails as a dropped connection does. Shared by the tests' counted fetch
 * (catchup-traffic.ts) and the bench's weak link (bench/weak-link.ts).
 */
export interface Piece {
  /** What of the piece gets through (all of it, part, or nothing). */
  pass: Uint8Array
  /** The link breaks after `pass`. */
  broken: boolean
}

export function breakableResponse(response: Response, take: (piece: Uint8Array) => Piece | Promise<Piece>, sliceBytes = Infinity): Response {
  if (!response.body) return response
  const reader = response.body.getReader()
  let broken = false
  const dropped = () => new TypeError('the link dropped')
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // What arrived before the drop is read first, as from a socket; then the answer breaks off.
      if (broken) {
        controller.error(dropped())
        await reader.cancel().catch(() => {})
        return
      }
      const { done, value } = await reader.read()
      if (done) {
        controller.close()
        return
      }
      for (let at = 0; at < value.length; at += sliceBytes) {
        const piece = await take(value.subarray(at, Math.min(value.length, at + sliceBytes)))
        broken = piece.broken
        if (piece.pass.length > 0) controller.enqueue(piece.pass)
        else if (broken) controller.error(dropped())
        if (broken) return
      }
    },
    cancel: () => reader.cancel(),
  })
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}
