// The real server as a child process (`node --import tsx src/server/main.ts`, so that its pid is the
// server's own and a kill reaches it), and a small HTTP client signing in as a demo account. Used by
// the crash test and by bench/load.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'demo2026tiendo';

export type ServerProcess = {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<number | string | null>;
  /** SIGTERM, then waits for the process to end. */
  stop(): Promise<void>;
};

/**
 * Starts the server with `env` added to this process's environment and resolves once it listens
 * (it prints its address); rejects if it exits first.
 */
export function startServer(
  env: Record<string, string>,
  /** Options of node itself (bench/tasks.ts's --profile passes --cpu-prof). */
  nodeArgs: readonly string[] = [],
  /**
   * `npm start`'s way (scripts/start.mjs: the bundled server when it matches the sources) rather
   * than the sources through tsx; the bench measures memory so (run scripts/build-cli.mjs first).
   */
  options: { asNpmStart?: boolean } = {},
): Promise<ServerProcess> {
  const entry = options.asNpmStart
    ? ['scripts/start.mjs']
    : ['--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /running at http:\/\/[^\s:]+:(\d+)/.exec(output)?.[1];
      if (port && child.pid) {
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (c: Buffer) => {
          output += c.toString();
        });
        resolve({
          child,
          pid: child.pid,
          url: `http://127.0.0.1:${port}`,
          output: () => output,
          exited,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
}

export type Session = {
  cookie: string;
  csrf: string;
  user: { id: string; agency: { id: string } | null };
};

export async function signIn(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = /tiendo_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('no session cookie');
  const body = (await res.json()) as { csrfToken: string; user: Session['user'] };
  return { cookie, csrf: body.csrfToken, user: body.user };
}

export function headers(session: Session, json = true): Record<string, string> {
  return {
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

export async function getJson<T>(url: string, session: Session, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: headers(session, false) });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A database of its own on the PostgreSQL server at `adminUrl`; drop() removes it. */
export async function temporaryDatabase(adminUrl: string, prefix: string) {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
