/**
 * A value views follow with useSyncExternalStore: `set` replaces it and tells every listener;
 * `subscribe` and `getSnapshot` are what React asks for.
 */
export class Watched<T> {
  private readonly listeners = new Set<() => void>()

  constructor(private value: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  readonly getSnapshot = (): T => this.value

  set(value: T): void {
    this.value = value
    for (const l of this.listeners) l()
  }
}

/** What a view may do with a Watched value: follow it, not set it. */
export type Followed<T> = Pick<Watched<T>, 'subscribe' | 'getSnapshot'>
