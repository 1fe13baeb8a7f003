// `npm run bench:import-latency`: does a large import hold up the server's other requests?
// Starts the app in this process on the embedded database, as `npm start` does (PGlite in a
// temporary folder, removed at the end; PGlite answers queries on the main thread), signs in as
// the consolidator, uploads a generated plan (.docx, default 300 pages: 3,536 tasks) and confirms
// it, while another thread polls GET /api/health every 20 ms over loopback. Prints, per phase, the
// longest and the 99th-percentile wait for health, and the same for a signed-in request that reads
// the database (GET /api/auth/session, polled every 100 ms).
// It prints figures; it asserts nothing. Options: --pages N (default 300), --format docx|txt.
// Bounded: every phase stops after BUDGET_MS; the server listens on 127.0.0.1 only.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { eq } from 'drizzle-orm';
import { openPglite } from '../src/db/client.js';
import { agencies, users } from '../src/db/schema.js';
import { hashPassword } from '../src/features/auth/passwords.js';
import { loadReferenceData } from '../src/features/reference-data/service.js';
import { buildApp } from '../src/server/app.js';

const BUDGET_MS = 5 * 60_000;
const POLL_EVERY_MS = 20;
const PASSWORD = 'benchmark2026ok';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The generated plan of bench/import.ts: ~3,000 characters a page, 8 tasks per group. */
function planLines(pages: number): string[] {
  const agencyNames = [
    'Sở Xây dựng',
    'Sở Tài chính',
    'Sở Kế hoạch và Đầu tư',
    'Sở Nông nghiệp và Môi trường',
    'Công an tỉnh',
    'UBND các huyện, thành phố',
    'Sở Thông tin và Truyền thông',
  ];
  const deadlines = [
    'thường xuyên',
    'trước ngày 30/6/2026',
    'Quý II/2026',
    'trong năm 2027',
    'giai đoạn 2026 - 2030',
    'trước ngày 31/12 hằng năm',
  ];
  const lines = [
    'UBND TỈNH LẠNG SƠN',
    'Số: 99/KH-UBND',
    'Lạng Sơn, ngày 10 tháng 2 năm 2026',
    'KẾ HOẠCH',
    'THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG NGÀY 17 THÁNG 7 NĂM 2024',
    'I. MỤC TIÊU',
    'II. NHIỆM VỤ, GIẢI PHÁP',
  ];
  let size = 0;
  let n = 0;
  while (size < pages * 3000) {
    n++;
    const heading = `${n}. Nhóm nhiệm vụ số ${n} về phát triển hạ tầng theo Nghị quyết số ${n}-NQ/TU ngày 1/2/2024`;
    lines.push(heading);
    size += heading.length;
    for (let k = 0; k < 8; k++) {
      const a = agencyNames[(n + k) % agencyNames.length];
      const b = agencyNames[(n + k + 3) % agencyNames.length];
      const line = `- ${a} chủ trì, phối hợp với ${b} và các đơn vị liên quan triển khai hạng mục ${k + 1} của nhóm ${n}, bảo đảm chất lượng, hiệu quả, đúng quy định; hoàn thành ${deadlines[(n * k) % deadlines.length]}. Phấn đấu đến năm 2030 hoàn thành ${k + 2} công trình.`;
      lines.push(line);
      size += line.length;
    }
  }
  lines.push('Nơi nhận:', '- Như trên;', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An');
  return lines;
}

async function planFile(pages: number, format: string): Promise<{ name: string; bytes: Buffer }> {
  const lines = planLines(pages);
  if (format === 'txt') return { name: 'ke-hoach.txt', bytes: Buffer.from(lines.join('\n')) };
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [
      {
        children: lines.map(
          (text) =>
            new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun(text)] }),
        ),
      },
    ],
  });
  return { name: 'ke-hoach.docx', bytes: await Packer.toBuffer(doc) };
}

type Response = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, timeout: BUDGET_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in time`)));
    req.on('error', reject);
    req.end(body);
  });
}

// The poller runs in its own thread, like a client on another machine: when the server's main thread
// is blocked, its requests wait, and that wait is what it measures. Requests go out on a fixed
// schedule (every POLL_EVERY_MS, one at a time); a request that could not go out on time because
// the previous one was still waiting counts from the time it was due, so a long block is seen in
// full rather than as one slow answer.
const POLLER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const latencies = [];
let stopped = false;
parentPort.once('message', () => { stopped = true; });
function get() {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: workerData.port, path: workerData.path, headers: workerData.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(workerData.path + ' answered ' + res.statusCode))));
    });
    req.on('error', reject);
  });
}
(async () => {
  let due = performance.now();
  while (!stopped) {
    const now = performance.now();
    if (due > now) await new Promise((r) => setTimeout(r, due - now));
    await get();
    latencies.push(performance.now() - due);
    due = Math.max(due + workerData.every, performance.now());
  }
  agent.destroy();
  parentPort.postMessage(latencies);
})().catch((e) => { parentPort.postMessage({ error: String(e) }); });
`;

type Poll = { stop(): Promise<number[]> };

/** Polls `path` from another thread every `every` ms until stopped; resolves to the waits in ms. */
function poll(
  port: number,
  path: string,
  every: number,
  headers: Record<string, string> = {},
): Poll {
  const worker = new Worker(POLLER, { eval: true, workerData: { port, path, every, headers } });
  const result = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (m: number[] | { error: string }) =>
      Array.isArray(m) ? resolve(m) : reject(new Error(m.error)),
    );
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const latencies = await result;
      await worker.terminate();
      return latencies;
    },
  };
}

function summary(what: string, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `${what}: max ${sorted.at(-1)?.toFixed(0)} ms, p99 ${at(0.99)?.toFixed(0)} ms, median ${at(0.5)?.toFixed(0)} ms (${sorted.length} requests)`;
}

type Pollers = () => { health: Poll; session: Poll };

async function phase<T>(name: string, pollers: Pollers, run: () => Promise<T>): Promise<T> {
  const { health, session } = pollers();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: over ${BUDGET_MS} ms`)), BUDGET_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    const took = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${name} (${took} s)`);
    console.log(`  ${summary('/api/health      ', await health.stop())}`);
    console.log(`  ${summary('/api/auth/session', await session.stop())}`);
  }
}

async function main() {
  const pages = Number(option('pages', '300'));
  const format = option('format', 'docx');
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
  const database = openPglite(join(dataDir, 'pglite'));
  try {
    await database.migrate();
    const { tenantId } = await loadReferenceData(database.db, { actor: { id: 'bench' } });
    const [stc] = await database.db.select().from(agencies).where(eq(agencies.code, 'STC'));
    await database.db.insert(users).values({
      tenantId,
      username: 'tonghop',
      displayName: 'Tổng hợp',
      role: 'consolidator',
      agencyId: stc?.id ?? null,
      passwordHash: await hashPassword(PASSWORD),
    });
    const app = await buildApp({ db: database.db, tenantId, filesDir: join(dataDir, 'files') });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await run(port, pages, format);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(port: number, pages: number, format: string) {
  const login = await request(
    port,
    'POST',
    '/api/auth/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ username: 'tonghop', password: PASSWORD }),
  );
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.body}`);
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const auth = {
    cookie,
    'x-csrf-token': (JSON.parse(login.body) as { csrfToken: string }).csrfToken,
  };
  const pollers: Pollers = () => ({
    health: poll(port, '/api/health', POLL_EVERY_MS),
    session: poll(port, '/api/auth/session', 100, { cookie }),
  });

  const file = await planFile(pages, format);
  console.log(
    `Import latency: a generated ${pages}-page plan as .${format} (${(file.bytes.length / 1e6).toFixed(2)} MB); waits measured from when each request was due`,
  );
  await phase('idle, for comparison', pollers, () => new Promise((r) => setTimeout(r, 2000)));
  const draft = await phase(
    'upload: POST /api/imports (read and parse in a worker, store the draft)',
    pollers,
    () =>
      request(
        port,
        'POST',
        `/api/imports?fileName=${encodeURIComponent(file.name)}`,
        { ...auth, 'content-type': 'application/octet-stream' },
        file.bytes,
      ),
  );
  if (draft.status !== 201) throw new Error(`upload: ${draft.status} ${draft.body.slice(0, 500)}`);
  const { id, version, extraction, sourceText } = JSON.parse(draft.body) as {
    id: string;
    version: number;
    sourceText: string;
    extraction: { tasks: unknown[] };
  };
  console.log(
    `  read ${extraction.tasks.length} tasks, ${(sourceText.length / 1e6).toFixed(2)} M characters; the draft is ${(draft.body.length / 1e6).toFixed(1)} MB of JSON`,
  );
  const confirmed = await phase(
    'confirm: POST /api/imports/:id/confirm (store the plan)',
    pollers,
    () =>
      request(
        port,
        'POST',
        `/api/imports/${id}/confirm`,
        { ...auth, 'content-type': 'application/json' },
        JSON.stringify({ version }),
      ),
  );
  if (confirmed.status !== 200)
    throw new Error(`confirm: ${confirmed.status} ${confirmed.body.slice(0, 500)}`);
}

await main();
