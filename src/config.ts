// Configuration from the environment (documented in README.md).
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Which reverse proxies' X-Forwarded-For to believe (Fastify's `trustProxy`): none (false, the
 * default: the client is the connecting address), the proxies' addresses or CIDR ranges, or the
 * number of proxy hops in front of the server.
 */
export type TrustProxy = false | readonly string[] | { hops: number };

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where evidence files are kept (outside the database), named by checksum. */
  filesDir: string;
  session: {
    /** Minutes without a request after which a session ends. */
    idleMinutes: number;
    /** Hours after login after which a session ends whatever the activity. */
    absoluteHours: number;
    /** Send the cookie only over HTTPS (set when served behind TLS). */
    secureCookie: boolean;
  };
  /** SMTP server for notification e-mail; without it mail stays in the outbox for the admin. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Public address of the app, for links in e-mail. */
  publicUrl: string;
  /** TIENDO_TRUST_PROXY: whose X-Forwarded-For names the client (sign-in throttling, logs). */
  trustProxy: TrustProxy;
  /** Load shedding (server/load-shedding.ts): beyond these, API requests get 503 + Retry-After. */
  load: { maxInFlight: number; maxQueue: number; maxQueueWaitMs: number };
  /** Connections to a PostgreSQL server (DATABASE_URL). */
  databasePoolSize: number;
  /**
   * TIENDO_TENANT: the starter (reference/tenants/<code>/tenant.json) a first start on an empty
   * database creates its tenant from; the single bundled starter when unset.
   */
  tenantStarter: string | undefined;
  /**
   * TIENDO_SECRET: the key of public feedback's form tokens and senders' keys (at least 16
   * characters; the same on every instance sharing a database); a file in the data folder when unset.
   */
  secret: string | undefined;
  /** TIENDO_FEEDBACK_MIN_SECONDS: how long the feedback form must have been open (3). */
  feedbackMinSeconds: number;
};

// proxy-addr's names for ranges: loopback, link-local, private networks.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  // A prefix length (10.0.0.0/8) or, for IPv4, a netmask (10.0.0.0/255.0.0.0).
  if (/^\d{1,3}$/.test(bits)) return Number(bits) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(bits) === 4;
}

/** TIENDO_TRUST_PROXY: unset or empty → trust nobody; `2` → two hops; `10.0.0.1,10.1.0.0/16`. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return { hops: Number(value) };
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const wrong = entries.filter((e) => !isAddressOrRange(e));
  if (wrong.length || entries.length === 0) {
    throw new Error(
      `TIENDO_TRUST_PROXY must be a hop count or a comma-separated list of proxy addresses or CIDR ranges; not understood: ${wrong.join(', ') || value}`,
    );
  }
  return entries;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const dataDir = resolve(env.TIENDO_DATA_DIR ?? './data');
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    filesDir: resolve(env.TIENDO_FILES_DIR ?? join(dataDir, 'files')),
    session: {
      idleMinutes: positive(env, 'TIENDO_SESSION_IDLE_MINUTES', 30),
      absoluteHours: positive(env, 'TIENDO_SESSION_MAX_HOURS', 12),
      secureCookie: env.TIENDO_SECURE_COOKIE === '1' || env.TIENDO_SECURE_COOKIE === 'true',
    },
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Tiến Độ <no-reply@localhost>',
    publicUrl: env.TIENDO_PUBLIC_URL ?? `http://${host}:${port}`,
    trustProxy: parseTrustProxy(env.TIENDO_TRUST_PROXY),
    // The embedded database answers one query at a time: a few requests at once, a short line.
    // A PostgreSQL server works on many; the line absorbs a burst of a few hundred clients.
    load: env.DATABASE_URL
      ? {
          maxInFlight: whole(env, 'TIENDO_MAX_IN_FLIGHT', 64, 1),
          maxQueue: whole(env, 'TIENDO_MAX_QUEUE', 1000, 0),
          maxQueueWaitMs: whole(env, 'TIENDO_MAX_QUEUE_WAIT_MS', 15_000, 1),
        }
      : {
          maxInFlight: whole(env, 'TIENDO_MAX_IN_FLIGHT', 4, 1),
          maxQueue: whole(env, 'TIENDO_MAX_QUEUE', 32, 0),
          maxQueueWaitMs: whole(env, 'TIENDO_MAX_QUEUE_WAIT_MS', 3_000, 1),
        },
    databasePoolSize: whole(env, 'TIENDO_DB_POOL_SIZE', 20, 1),
    tenantStarter: env.TIENDO_TENANT?.trim() || undefined,
    secret: env.TIENDO_SECRET || undefined,
    feedbackMinSeconds: whole(env, 'TIENDO_FEEDBACK_MIN_SECONDS', 3, 0),
  };
}
