/**
 * Values held in process for a bounded time, loaded once per key however many requests ask at
 * once. For pointers whose staleness is allowed and bounded (which revision a public page shows,
 * which organization a host names): a value is re-read at most `ttlMs` after it was loaded, and a
 * write in this process forgets it at once (docs/read-path.md, "Staleness").
 */
export class Held<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: () => number,
    private readonly maxEntries = 50_000,
  ) {}

  /** The held value, or the loaded one; a failed load is not held (the next call retries). */
  get(key: string, load: () => Promise<V>): Promise<V> | V {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const started = Date.now();
    const p = load().then(
      (value) => {
        this.loading.delete(key);
        // A forget() while loading wins: what was read may predate the write that forgot it.
        if (this.forgottenSince(started)) return value;
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(key, { value, until: started + this.ttlMs() });
        return value;
      },
      (err: unknown) => {
        this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    return p;
  }

  private lastForget = 0;

  private forgottenSince(t: number): boolean {
    return this.lastForget >= t;
  }

  /** Drops every held value whose key starts with `prefix` (all of them for ""). */
  forget(prefix = ""): void {
    this.lastForget = Date.now();
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    for (const key of this.loading.keys()) if (key.startsWith(prefix)) this.loading.delete(key);
  }
}

/**
 * One instance per process and name, however many times the module is bundled (Next.js can load
 * a module once per route bundle): writes in one bundle must reach readers in another.
 */
export function processWide<T>(name: string, make: () => T): T {
  const registry = ((globalThis as { __compatProcessWide?: Map<string, unknown> }).__compatProcessWide ??= new Map());
  if (!registry.has(name)) registry.set(name, make());
  return registry.get(name) as T;
}
