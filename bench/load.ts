// `npm run bench:load`: the real server under 200 concurrent clients, on each database.
// For the embedded database (a temporary folder) and a PostgreSQL server (a temporary database on
// BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres; skipped if unreachable):
// start the server with the demo data, sign in demo accounts, then autocannon on 127.0.0.1 with a mix
// of reads (task list, my work, the plan page, health) and writes (comments on tasks). It prints
// requests per second, latency percentiles, errors (503 apart from other non-2xx, timeouts), the
// slowest /api/health seen during the run and the server's peak RSS. It asserts nothing.
//
//   npm run bench:load                                  # both databases, 200 clients, 30 s each
//   npm run bench:load -- --engine pglite --connections 50 --duration 10
// Server settings come from the environment as for `npm start` (TIENDO_MAX_IN_FLIGHT, …).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  getJson,
  type ServerProcess,
  type Session,
  signIn,
  startServer,
  temporaryDatabase,
} from '../test/durability/server-process.js';

type Request = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  onResponse?: (status: number) => void;
};
type Client = { setRequests(requests: Request[]): void };
type Result = {
  requests: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
};
type Instance = {
  on(event: 'response', f: (c: Client, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
} & PromiseLike<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  setupClient: (client: Client) => void;
  requests: Request[];
}) => Instance;

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', multiple: true },
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    timeout: { type: 'string', default: '20' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const TIMEOUT = Number(args.timeout);
const ENGINES = (args.engine?.length ? args.engine : ['pglite', 'postgres']) as (
  | 'pglite'
  | 'postgres'
)[];
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// BENCH_SERVER_LOG=/tmp/x: the server logs every request (LOG_LEVEL=info) to /tmp/x.<engine>.
const SERVER_LOG = process.env.BENCH_SERVER_LOG;
// Accounts the clients take turns with: both may comment on every task.
const ACCOUNTS = ['tonghop', 'lanhdao'];

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Peak resident set size of a process (Linux), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

type Figures = {
  engine: string;
  requestsPerSecond: number;
  responses: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  status503: number;
  otherNon2xx: number;
  timeouts: number;
  errors: number;
  comments: number;
  /** API requests answered 2xx per second, health apart, and their latency. */
  served: number;
  servedP50: number;
  servedP95: number;
  servedP99: number;
  healthMax: number;
  peakRssMb: number;
  others: string;
};

async function run(engine: 'pglite' | 'postgres'): Promise<Figures | null> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
  const cleanups: (() => Promise<unknown> | unknown)[] = [
    () => rmSync(dataDir, { recursive: true, force: true }),
  ];
  let server: ServerProcess | undefined;
  try {
    const env: Record<string, string> = {
      TIENDO_DATA_DIR: dataDir,
      TIENDO_DEMO: '1',
      ...(SERVER_LOG ? { LOG_LEVEL: 'info' } : {}),
    };
    if (engine === 'postgres') {
      if (!(await reachable(POSTGRES))) {
        console.log(`postgres: ${POSTGRES} is not reachable; skipped`);
        return null;
      }
      const database = await temporaryDatabase(POSTGRES, 'tiendo_bench');
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
    } else {
      env.DATABASE_URL = '';
    }
    console.log(`${engine}: starting the server (a new demo database)…`);
    server = await startServer(env);
    const sessions: Session[] = [];
    for (const account of ACCOUNTS) sessions.push(await signIn(server.url, account));
    const first = sessions[0] as Session;
    const plans = await getJson<{ items: { id: string }[] }>(server.url, first, '/api/plans');
    const planId = plans.items[0]?.id;
    const tasks = await getJson<{ items: { id: string }[] }>(
      server.url,
      first,
      '/api/tasks?limit=100',
    );
    const taskIds = tasks.items.map((t) => t.id);
    if (!planId || taskIds.length === 0) throw new Error('the demo database has no plan or tasks');

    let clientNumber = 0;
    let lastKind = 'health';
    const setupClient = (client: Client) => {
      const n = clientNumber++;
      const session = sessions[n % sessions.length] as Session;
      const headers = {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'accept-encoding': 'br, gzip',
      };
      const taskId = taskIds[n % taskIds.length];
      // autocannon calls onResponse just before its 'response' event: it says what was answered.
      const kind = (k: string) => () => {
        lastKind = k;
      };
      client.setRequests([
        { method: 'GET', path: '/api/tasks?limit=50', headers, onResponse: kind('read') },
        { method: 'GET', path: '/api/my-work', headers, onResponse: kind('read') },
        { method: 'GET', path: `/api/plans/${planId}`, headers, onResponse: kind('read') },
        // As a load balancer or monitor asks: without a session.
        {
          method: 'GET',
          path: '/api/health',
          headers: { 'accept-encoding': 'br, gzip' },
          onResponse: kind('health'),
        },
        {
          method: 'POST',
          path: `/api/tasks/${taskId}/comments`,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ body: `Ý kiến thử tải (client ${n})` }),
          onResponse: kind('write'),
        },
      ]);
    };

    // /api/health on its own connection during the run: the slowest answer.
    let healthMax = 0;
    let running = true;
    const healthProbe = (async () => {
      while (running) {
        const started = performance.now();
        await fetch(`${server?.url}/api/health`).catch(() => undefined);
        healthMax = Math.max(healthMax, performance.now() - started);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const latencies: number[] = [];
    // Answered with 2xx, health apart: the work the server got done, and how long it took.
    const served: number[] = [];
    let comments = 0;
    console.log(`${engine}: ${CONNECTIONS} clients for ${DURATION} s…`);
    const instance = autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: TIMEOUT,
      setupClient,
      requests: [{ method: 'GET', path: '/api/health' }],
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 300 || lastKind === 'health') return;
      served.push(ms);
      if (lastKind === 'write') comments++;
    });
    const result = await instance;
    running = false;
    await healthProbe;
    const rss = peakRssMb(server.pid);
    if (SERVER_LOG) writeFileSync(`${SERVER_LOG}.${engine}`, server.output());
    latencies.sort((a, b) => a - b);
    served.sort((a, b) => a - b);
    const codes = result.statusCodeStats;
    const count = (code: string) => Number(codes[code]?.count ?? 0);
    const otherCodes = Object.keys(codes).filter((c) => !c.startsWith('2') && c !== '503');
    return {
      engine,
      requestsPerSecond: result.requests.average,
      responses: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      status503: count('503'),
      otherNon2xx: otherCodes.reduce((sum, c) => sum + count(c), 0),
      timeouts: result.timeouts,
      errors: result.errors,
      comments,
      served: served.length / result.duration,
      servedP50: percentile(served, 50),
      servedP95: percentile(served, 95),
      servedP99: percentile(served, 99),
      healthMax,
      peakRssMb: rss,
      others: otherCodes.map((c) => `${c}×${count(c)}`).join(' '),
    };
  } finally {
    await server?.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

// However the run goes, the process ends: a server that hangs is killed with the bench.
const limit = setTimeout(
  () => {
    console.error('bench:load: over its time limit, stopping');
    process.exit(2);
  },
  (ENGINES.length * (DURATION + 240) + 60) * 1000,
);
limit.unref();

const figures: Figures[] = [];
for (const engine of ENGINES) {
  const f = await run(engine);
  if (f) figures.push(f);
}
const ms = (v: number) => `${Math.round(v)} ms`;
const rows: [string, (f: Figures) => string | number][] = [
  ['requests/s (all answers)', (f) => Math.round(f.requestsPerSecond)],
  ['answers', (f) => f.responses],
  ['latency p50', (f) => ms(f.p50)],
  ['latency p95', (f) => ms(f.p95)],
  ['latency p99', (f) => ms(f.p99)],
  ['latency max', (f) => ms(f.max)],
  ['503 (busy, Retry-After)', (f) => f.status503],
  ['other non-2xx', (f) => f.otherNon2xx],
  ['timeouts', (f) => f.timeouts],
  ['connection errors', (f) => f.errors],
  ['served/s (2xx, health apart)', (f) => Math.round(f.served * 10) / 10],
  ['served p50', (f) => ms(f.servedP50)],
  ['served p95', (f) => ms(f.servedP95)],
  ['served p99', (f) => ms(f.servedP99)],
  ['comments saved', (f) => f.comments],
  ['slowest /api/health (probe)', (f) => ms(f.healthMax)],
  ['server peak RSS', (f) => `${Math.round(f.peakRssMb)} MB`],
];
console.log(
  `\n${CONNECTIONS} clients, ${DURATION} s, each cycling: task list, my work, plan page, health, comment`,
);
console.table(
  Object.fromEntries(
    rows.map(([label, value]) => [
      label,
      Object.fromEntries(figures.map((f) => [f.engine, value(f)])),
    ]),
  ),
);
for (const f of figures) if (f.others) console.log(`${f.engine}: other statuses ${f.others}`);
