// `npm run bench:bundle`: the JavaScript a browser downloads on the first load of a route, from the
// web client's build output (run `npm run build:web` first; this builds nothing). It reads Vite's
// manifest (dist/web/.vite/manifest.json, `build.manifest` in vite.config.ts) and the router
// (web/src/app/router.tsx: `const X = lazy(() => import('…'))` and `{ path: '…', element: <X /> }`),
// so a route's chunk is found from the page module its path renders — a page added later is
// measured without touching this file. For each route: the entry and every chunk it imports
// statically, plus the route's page chunk and its static imports (each file counted once), raw
// and gzipped (node:zlib, level 6 as the server sends it; brotli too), against the goal of issue
// #12 (< 400 kB gzipped for the dashboard). What a page loads later on demand (a chart, a dialog:
// its dynamic imports that are not route pages) is listed apart. Then, unless --no-serve, it
// serves dist/web with the app's static file handling on 127.0.0.1 and fetches each file of the
// routes with `Accept-Encoding: br, gzip`, printing the encoding and the bytes actually sent.
//
//   npm run build:web && npm run bench:bundle
//   npm run bench:bundle -- --routes /tong-quan,/ke-hoach --goal 400
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Db } from '../src/db/client.js';
import { singleTenant } from '../src/features/tenants/hosts.js';
import { buildApp } from '../src/server/app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_ROOT = join(ROOT, 'web');
const DIST = join(ROOT, 'dist', 'web');
const ROUTER = join(WEB_ROOT, 'src', 'app', 'router.tsx');

const { values: args } = parseArgs({
  options: {
    routes: { type: 'string', default: '/tong-quan,/ke-hoach,/nhiem-vu,/cong-khai' },
    /** The goal for a first load, gzipped (kB). */
    goal: { type: 'string', default: '400' },
    'no-serve': { type: 'boolean', default: false },
  },
});
const GOAL_KB = Number(args.goal);

type Chunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
type Manifest = Record<string, Chunk>;

const kB = (bytes: number) => (bytes / 1024).toFixed(1);

function readManifest(): Manifest {
  const path = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(path)) {
    throw new Error(`${relative(ROOT, path)} not found: run \`npm run build:web\` first`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The manifest key (path from web/) of a module imported from the router, with its extension. */
function moduleKey(manifest: Manifest, specifier: string): string | null {
  const base = resolve(dirname(ROUTER), specifier);
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, join(base, 'index.tsx')]) {
    const key = relative(WEB_ROOT, candidate).split('\\').join('/');
    if (manifest[key]) return key;
  }
  return null;
}

/**
 * Each route path of the router (as the browser sees it: '/ke-hoach/:id') and the manifest key of
 * the page module it renders, when that page is loaded lazily; null when it is in the entry.
 */
function routesOf(manifest: Manifest): Map<string, string | null> {
  const source = readFileSync(ROUTER, 'utf8');
  const lazyPages = new Map<string, string>();
  for (const m of source.matchAll(
    /const (\w+) = lazy\(\s*\(\)\s*=>\s*import\(\s*'([^']+)'\s*\)/g,
  )) {
    const key = moduleKey(manifest, m[2] as string);
    if (key) lazyPages.set(m[1] as string, key);
  }
  const routes = new Map<string, string | null>();
  // `path: '…'` then the first component in its element (past Suspense and the like).
  for (const m of source.matchAll(
    /path:\s*'([^']*)'[^{}]*?element:\s*\(?\s*(?:<Suspense[^>]*>\s*)?<(\w+)/g,
  )) {
    const path = `/${(m[1] as string).replace(/^\//, '')}`;
    if (!routes.has(path)) routes.set(path, lazyPages.get(m[2] as string) ?? null);
  }
  return routes;
}

/** Keys of a chunk and every chunk it imports statically, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key) || !manifest[key]) return into;
  into.add(key);
  for (const next of manifest[key]?.imports ?? []) staticClosure(manifest, next, into);
  return into;
}

type Sizes = { raw: number; gzip: number; brotli: number };
const sizeCache = new Map<string, Sizes>();
function sizes(file: string): Sizes {
  const known = sizeCache.get(file);
  if (known) return known;
  const bytes = readFileSync(join(DIST, file));
  const s = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 6 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 4 },
    }).length,
  };
  sizeCache.set(file, s);
  return s;
}
const total = (files: Iterable<string>) => {
  const t = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = sizes(f);
    t.raw += s.raw;
    t.gzip += s.gzip;
    t.brotli += s.brotli;
  }
  return t;
};

/** Fetches a file with br/gzip accepted: the encoding the server chose and the bytes it sent. */
function fetchEncoded(base: string, path: string): Promise<{ encoding: string; bytes: number }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(`${base}${path}`, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () =>
        resolvePromise({ encoding: String(res.headers['content-encoding'] ?? 'none'), bytes }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  const manifest = readManifest();
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('no entry in the manifest');
  const entry = staticClosure(manifest, entryKey);
  const routes = routesOf(manifest);
  const pageKeys = new Set([...routes.values()].filter((k): k is string => Boolean(k)));
  const entryFiles = [...entry].map((k) => manifest[k]?.file as string);
  const entryTotal = total(entryFiles);
  console.log(
    `Entry ${manifest[entryKey]?.file} and its static imports: ${entry.size} file(s), ${kB(entryTotal.raw)} kB raw, ${kB(entryTotal.gzip)} kB gzip, ${kB(entryTotal.brotli)} kB br`,
  );
  for (const k of [...entry].sort(
    (a, b) => sizes(manifest[b]?.file as string).gzip - sizes(manifest[a]?.file as string).gzip,
  )) {
    const s = sizes(manifest[k]?.file as string);
    console.log(`  ${manifest[k]?.file}: ${kB(s.raw)} kB raw, ${kB(s.gzip)} kB gzip (${k})`);
  }
  console.log();

  const asked = (args.routes ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const rows: string[][] = [];
  const served: { route: string; files: string[] }[] = [];
  for (const route of asked) {
    if (!routes.has(route)) {
      rows.push([route, '(no such route in this build)', '', '', '', '', '']);
      continue;
    }
    const page = routes.get(route) ?? null;
    const keys = new Set(entry);
    if (page) staticClosure(manifest, page, keys);
    const files = [...keys].map((k) => manifest[k]?.file as string);
    const t = total(files);
    // What the page's modules load later (charts, dialogs), route pages apart.
    const later = new Set<string>();
    for (const k of keys)
      for (const d of manifest[k]?.dynamicImports ?? [])
        if (!pageKeys.has(d) && !keys.has(d)) staticClosure(manifest, d, later);
    for (const k of keys) later.delete(k);
    const onDemand = total([...later].map((k) => manifest[k]?.file as string));
    rows.push([
      route,
      page ? (manifest[page]?.file as string) : '(in the entry)',
      String(files.length),
      kB(t.raw),
      kB(t.gzip),
      t.gzip / 1024 < GOAL_KB ? `yes (< ${GOAL_KB})` : `NO (≥ ${GOAL_KB})`,
      later.size ? `${later.size} file(s), ${kB(onDemand.gzip)} kB gzip` : '—',
    ]);
    served.push({ route, files });
  }
  const head = [
    'route',
    'page chunk',
    'files',
    'JS raw kB',
    'JS gzip kB',
    'goal',
    'loaded later on demand',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ')} |`;
  console.log(
    `First load of a route (signed in): entry + its static imports + the route's page chunk and its static imports; goal < ${GOAL_KB} kB gzip`,
  );
  console.log(line(head));
  console.log(
    `|${widths.map((w, i) => (i >= 2 && i <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const r of rows) console.log(line(r));

  if (args['no-serve']) return;
  // The server's own static handling (server/app.ts: @fastify/compress over @fastify/static); no
  // route used here reaches the database.
  const app = await buildApp({
    db: {} as Db,
    tenants: singleTenant({
      id: '00000000-0000-0000-0000-000000000000',
      code: 'bench',
      name: 'Tỉnh thử',
      province: { code: '00', name: 'Tỉnh thử' },
    }),
    webDir: DIST,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    console.log();
    console.log('Sent by the server (Accept-Encoding: br, gzip):');
    for (const { route, files } of served) {
      let sent = 0;
      const encodings = new Map<string, number>();
      for (const f of files) {
        const got = await fetchEncoded(base, `/${f}`);
        sent += got.bytes;
        encodings.set(got.encoding, (encodings.get(got.encoding) ?? 0) + 1);
      }
      const raw = total(files).raw;
      console.log(
        `  ${route}: ${files.length} file(s), ${kB(sent)} kB sent for ${kB(raw)} kB of JavaScript (${[...encodings].map(([e, n]) => `${n} ${e}`).join(', ')})`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
