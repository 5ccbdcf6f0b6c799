/**
 * A bounded memo: remembers up to `limit` results and forgets the oldest first, so a process that
 * runs for days (the server) or over 50,000 distinct visits (a batch) keeps flat memory. Every cache
 * of the pipeline is one of these, held by `Resources` (see src/caches.ts), never by a module, so
 * each stage stays a function of its arguments.
 */
export class Memo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** The remembered value for `key`, made (and remembered) on a miss. */
  get(key: K, make: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined) return known;
    const value = make(key);
    this.set(key, value);
    return value;
  }

  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    if (this.map.size >= this.limit && !this.map.has(key)) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.map.delete(this.map.keys().next().value as K);
    }
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }
}
