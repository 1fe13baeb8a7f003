// Results of expensive reads (the province's task counts, the urging overview) kept until the data
// changes. An entry is valid for the data version read before its query ran: a change committed
// while it ran bumps the version after the commit, so a result that may have missed it is never
// served again. Concurrent requests for the same missing entry share one query, so a burst of
// dashboards after a change costs one computation, not one per user.
import type { DataVersion } from './data-changes.js';

type Entry = { version: number; at: number; value: Promise<unknown> };

export type ReadCacheOptions = {
  /** Entries kept (least recently used dropped first). */
  maxEntries?: number;
  /** An entry is recomputed after this long even if no change was heard (a safety net). */
  maxAgeMs?: number;
};

export class ReadCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;

  constructor(
    private readonly version: DataVersion,
    options: ReadCacheOptions = {},
  ) {
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  }

  /** The value under `key` for the current data, computed by `compute` when there is none. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = this.version.current;
    if (version === null) return compute();
    const now = Date.now();
    const entry = this.#entries.get(key);
    if (entry && entry.version === version && now - entry.at < this.#maxAgeMs) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.value as Promise<T>;
    }
    const value = compute();
    const fresh: Entry = { version, at: now, value };
    this.#entries.delete(key);
    this.#entries.set(key, fresh);
    // A failed computation is not kept: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(key) === fresh) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** A key from parts, objects with their keys sorted (the same filter always gives the same key). */
export function cacheKey(...parts: unknown[]): string {
  return JSON.stringify(parts, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : value,
  );
}
