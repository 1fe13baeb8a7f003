// The read cache serves a value only for the data version it was computed at, shares one
// computation between concurrent callers, steps aside while changes may go unheard, forgets
// failures, and stays within its size and age.
import { describe, expect, it } from 'vitest';
import { DataVersion } from './data-changes.js';
import { cacheKey, ReadCache } from './read-cache.js';

function heard(): DataVersion {
  const v = new DataVersion();
  v.setHeard(true);
  return v;
}

/** A computation that counts its calls and answers with the call's number. */
function counter() {
  let calls = 0;
  return {
    compute: async () => {
      calls += 1;
      return calls;
    },
    get calls() {
      return calls;
    },
  };
}

describe('ReadCache', () => {
  it('serves the value computed at the current version, and recomputes after a change', async () => {
    const version = heard();
    const cache = new ReadCache(version);
    const c = counter();
    expect(await cache.get('k', c.compute)).toBe(1);
    expect(await cache.get('k', c.compute)).toBe(1);
    expect(c.calls).toBe(1);
    version.bump();
    expect(await cache.get('k', c.compute)).toBe(2);
    expect(await cache.get('k', c.compute)).toBe(2);
    expect(c.calls).toBe(2);
  });

  it('never serves a value whose computation overlapped a change', async () => {
    const version = heard();
    const cache = new ReadCache(version);
    let release: (n: number) => void = () => {};
    const slow = new Promise<number>((resolve) => {
      release = resolve;
    });
    const first = cache.get('k', () => slow);
    version.bump(); // a write commits while the first computation runs
    release(1);
    expect(await first).toBe(1);
    expect(await cache.get('k', async () => 2)).toBe(2);
  });

  it('computes every time while changes may go unheard', async () => {
    const version = new DataVersion();
    const cache = new ReadCache(version);
    const c = counter();
    await cache.get('k', c.compute);
    await cache.get('k', c.compute);
    expect(c.calls).toBe(2);
    version.setHeard(true);
    await cache.get('k', c.compute);
    await cache.get('k', c.compute);
    expect(c.calls).toBe(3);
    // Losing the listener invalidates what was kept while it listened.
    version.setHeard(false);
    version.setHeard(true);
    await cache.get('k', c.compute);
    expect(c.calls).toBe(4);
  });

  it('lets concurrent callers share one computation', async () => {
    const cache = new ReadCache(heard());
    const c = counter();
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', c.compute)));
    expect(values).toEqual(Array(20).fill(1));
    expect(c.calls).toBe(1);
  });

  it('forgets a failed computation', async () => {
    const cache = new ReadCache(heard());
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = new ReadCache(heard(), { maxEntries: 2 });
    const c = counter();
    await cache.get('a', c.compute); // 1
    await cache.get('b', c.compute); // 2
    await cache.get('a', c.compute); // a is now the most recent
    await cache.get('c', c.compute); // 3, drops b
    expect(cache.size).toBe(2);
    expect(await cache.get('a', c.compute)).toBe(1);
    expect(await cache.get('b', c.compute)).toBe(4);
  });

  it('recomputes an entry older than maxAgeMs even without a change', async () => {
    const cache = new ReadCache(heard(), { maxAgeMs: 0 });
    const c = counter();
    await cache.get('k', c.compute);
    await cache.get('k', c.compute);
    expect(c.calls).toBe(2);
  });
});

describe('cacheKey', () => {
  it('is the same for the same filter whatever the order of its keys, and differs otherwise', () => {
    expect(cacheKey('x', { a: 1, b: [2, { d: 1, c: 2 }] })).toBe(
      cacheKey('x', { b: [2, { c: 2, d: 1 }], a: 1 }),
    );
    expect(cacheKey('x', { a: 1 })).not.toBe(cacheKey('x', { a: 2 }));
    expect(cacheKey('x', { a: 1 })).not.toBe(cacheKey('y', { a: 1 }));
    expect(cacheKey('x', null)).not.toBe(cacheKey('x', 'null'));
  });
});
