/**
 * Cooperative time slicing. An import runs in the same process as every other tenant's requests:
 * no loop over user input may hold the event loop longer than a slice, whatever the input's shape
 * (a 40,000-column header, 1 MB records, 100,000 rows). Loops call `due()` per item and, when it
 * says so, `await pause()`, which lets timers and I/O run before the next slice.
 */

/** Longest stretch of synchronous import work between two yields. */
export const SLICE_MS = 8;

/** Resolves after the event loop has run timers and I/O once. */
export const nextTurn: () => Promise<void> =
  typeof setImmediate === "function" ? () => new Promise((resolve) => setImmediate(resolve)) : () => new Promise((resolve) => setTimeout(resolve, 0));

export class TimeSlicer {
  private start = performance.now();

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** Whether this slice has used its budget. Cheap enough to ask once per row. */
  due(): boolean {
    return performance.now() - this.start >= this.budgetMs;
  }

  /** Yields one event-loop turn and starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.start = performance.now();
  }
}
