// Queries inside a transaction run one after another: a transaction holds one connection, and
// node-postgres deprecates (and pg@9 refuses) a query sent while another is running on the same
// client — which `Promise.all` over Drizzle queries does. Drizzle's query builders start only
// when awaited, so they can be passed here unstarted.
export async function inTurn<T extends readonly unknown[]>(
  queries: {
    readonly [K in keyof T]: PromiseLike<T[K]>;
  },
): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as unknown as T;
}
