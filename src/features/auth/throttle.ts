// Sign-in throttling, counted in the database (table sign_in_failures) so that every process and
// every parallel request sees the same counts. Three keys per attempt:
//
// - `pair:<address>|<login name>`: 5 failures in 15 minutes block that address for that name for
//   15 minutes. Only the guessing address is refused; the account's owner elsewhere is not.
// - `account:<login name>`: distributed guessing from many addresses. From the 10th failure in
//   15 minutes each failure delays every attempt on that name: 1 s, 2 s, 4 s … at most 60 s. A
//   stranger can slow a colleague down, never lock them out.
// - `address:<address>`: 100 failures in 10 minutes across names block the address for 10 minutes.
//
// The login name is counted as typed (folded like sign-in folds it), whether an account has it or
// not, so the answers never tell existing names from unknown ones.
//
// An attempt is counted BEFORE its password is checked, in one transaction of atomic upserts
// (`failures = CASE WHEN the window expired THEN 1 ELSE failures + 1 END … RETURNING`): each of
// many parallel attempts gets its own count, and the one that reaches a limit blocks the key for
// the others, which are refused without their password being tried. A successful attempt then
// gives its count back (the pair key is cleared), so successes never add up: an office of
// hundreds behind one address signing in correctly never meets a limit.
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { signInFailures } from '../../db/schema.js';
import { RetryLaterError } from '../../server/errors.js';

/** One key's limit: `failures` in `windowSeconds` start a block of `blockSeconds`, doubling with
 * every further failure in the window up to `maxBlockSeconds` (a fixed block when absent). */
export type ThrottleRule = {
  failures: number;
  windowSeconds: number;
  blockSeconds: number;
  maxBlockSeconds?: number;
};

export type SignInLimits = { pair: ThrottleRule; account: ThrottleRule; address: ThrottleRule };

export const SIGN_IN_LIMITS: SignInLimits = {
  pair: { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  account: { failures: 10, windowSeconds: 15 * 60, blockSeconds: 1, maxBlockSeconds: 60 },
  address: { failures: 100, windowSeconds: 10 * 60, blockSeconds: 10 * 60 },
};

export type SignInThrottleOptions = {
  [K in keyof SignInLimits]?: Partial<ThrottleRule>;
} & {
  /** The clock (milliseconds), for tests. */
  now?: () => number;
};

type Kind = keyof SignInLimits;

/** The login name as sign-in compares it: trimmed, NFC, lower case. */
export const foldLoginName = (typed: string) => typed.trim().normalize('NFC').toLowerCase();

export function throttleKeys(address: string, loginName: string): Record<Kind, string> {
  const name = foldLoginName(loginName);
  return {
    pair: `pair:${address}|${name}`,
    account: `account:${name}`,
    address: `address:${address}`,
  };
}

/** 429: this address or login name must wait; the same answer whether the account exists or not. */
export class TooManyAttemptsError extends RetryLaterError {
  constructor(retryAfterSeconds: number) {
    super(
      'too_many_attempts',
      `Too many failed sign-in attempts; retry in ${retryAfterSeconds}s`,
      retryAfterSeconds,
    );
  }
}

/** An attempt counted as a failure until it proves otherwise. */
export type SignInAttempt = {
  /** The password was wrong: the count stands. Throws 429 when this failure started a block. */
  failed(): void;
  /** The password was right: the pair key is cleared and the other counts are given back. */
  succeeded(): Promise<void>;
};

const iso = (ms: number) => new Date(ms).toISOString();

export class SignInThrottle {
  readonly limits: SignInLimits;
  private readonly now: () => number;
  private counted = 0;

  constructor(
    private readonly db: Db,
    options: SignInThrottleOptions = {},
  ) {
    this.limits = {
      pair: { ...SIGN_IN_LIMITS.pair, ...options.pair },
      account: { ...SIGN_IN_LIMITS.account, ...options.account },
      address: { ...SIGN_IN_LIMITS.address, ...options.address },
    };
    this.now = options.now ?? Date.now;
  }

  /**
   * Counts an attempt of `address` on `loginName` before its password is checked; throws
   * TooManyAttemptsError (nothing counted) when any of the three keys is blocked.
   */
  async begin(tenantId: string, address: string, loginName: string): Promise<SignInAttempt> {
    const now = this.now();
    const keys = throttleKeys(address, loginName);
    // A fixed order of keys: parallel transactions lock the rows they share in the same order.
    const kinds = (Object.keys(keys) as Kind[]).sort((a, b) => keys[a].localeCompare(keys[b]));
    const counted: Partial<Record<Kind, { failures: number; blockedUntil: Date | null }>> = {};
    const refused = await this.db
      .transaction(async (tx) => {
        for (const kind of kinds) {
          const row = await this.count(tx, tenantId, keys[kind], this.limits[kind], now);
          // Blocked: the transaction is rolled back, so the other keys do not count this attempt.
          if (!row) throw new Refused();
          counted[kind] = row;
        }
        return false;
      })
      .catch((e: unknown) => {
        if (e instanceof Refused) return true;
        throw e;
      });
    if (refused)
      throw new TooManyAttemptsError(await this.retryAfter(tenantId, Object.values(keys), now));
    this.pruneNowAndThen(tenantId, now);

    const blockedFor = () => {
      const until = Math.max(
        0,
        ...Object.values(counted).map((r) => r?.blockedUntil?.getTime() ?? 0),
      );
      return Math.ceil((until - this.now()) / 1000);
    };
    return {
      failed: () => {
        const seconds = blockedFor();
        if (seconds > 0) throw new TooManyAttemptsError(seconds);
      },
      succeeded: async () => {
        await this.db.transaction(async (tx) => {
          await tx
            .delete(signInFailures)
            .where(and(eq(signInFailures.tenantId, tenantId), eq(signInFailures.key, keys.pair)));
          for (const kind of ['account', 'address'] as const) {
            const mine = counted[kind]?.blockedUntil;
            await tx
              .update(signInFailures)
              .set({
                failures: sql`greatest(${signInFailures.failures} - 1, 0)`,
                // A block this very attempt started is lifted; one started by another stays.
                blockedUntil: mine
                  ? sql`case when ${signInFailures.blockedUntil} = ${iso(mine.getTime())}::timestamptz then null else ${signInFailures.blockedUntil} end`
                  : sql`${signInFailures.blockedUntil}`,
              })
              .where(
                and(eq(signInFailures.tenantId, tenantId), eq(signInFailures.key, keys[kind])),
              );
          }
        });
      },
    };
  }

  /**
   * One key's count, atomically: a new window when the last one expired, a block when the count
   * reaches the rule's limit. Nothing is counted and nothing returned while the key is blocked.
   */
  private async count(tx: Db, tenantId: string, key: string, rule: ThrottleRule, now: number) {
    const at = sql`${iso(now)}::timestamptz`;
    const expired = sql`${signInFailures.windowStartedAt} <= ${iso(now - rule.windowSeconds * 1000)}::timestamptz`;
    const next = sql`(case when ${expired} then 1 else ${signInFailures.failures} + 1 end)`;
    const blockFrom = (count: SQL) =>
      sql`case when ${count} >= ${rule.failures}::int then ${at} + make_interval(secs => least(${rule.maxBlockSeconds ?? rule.blockSeconds}::float8, ${rule.blockSeconds}::float8 * power(2::float8, least(${count} - ${rule.failures}::int, 30)::float8))) end`;
    const [row] = await tx
      .insert(signInFailures)
      .values({
        tenantId: tenantId,
        key,
        failures: 1,
        windowStartedAt: new Date(now),
        blockedUntil: rule.failures <= 1 ? new Date(now + rule.blockSeconds * 1000) : null,
        updatedAt: new Date(now),
      })
      .onConflictDoUpdate({
        target: [signInFailures.tenantId, signInFailures.key],
        set: {
          failures: next,
          windowStartedAt: sql`case when ${expired} then ${at} else ${signInFailures.windowStartedAt} end`,
          blockedUntil: blockFrom(next),
          updatedAt: at,
        },
        setWhere: or(
          isNull(signInFailures.blockedUntil),
          sql`${signInFailures.blockedUntil} <= ${at}`,
        ),
      })
      .returning({ failures: signInFailures.failures, blockedUntil: signInFailures.blockedUntil });
    return row;
  }

  /** Seconds until every blocked key among `keys` is free again (at least 1). */
  private async retryAfter(tenantId: string, keys: string[], now: number) {
    const rows = await this.db
      .select({ blockedUntil: signInFailures.blockedUntil })
      .from(signInFailures)
      .where(
        and(
          eq(signInFailures.tenantId, tenantId),
          inArray(signInFailures.key, keys),
          gt(signInFailures.blockedUntil, new Date(now)),
        ),
      );
    const until = Math.max(now, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  /**
   * Login names currently held back: the account key past its limit within its window, or a pair
   * key of that name blocked (what the administrator's list shows as "locked").
   */
  async throttledLoginNames(tenantId: string): Promise<Set<string>> {
    const now = this.now();
    const rule = this.limits.account;
    const rows = await this.db
      .select({ key: signInFailures.key })
      .from(signInFailures)
      .where(
        and(
          eq(signInFailures.tenantId, tenantId),
          or(
            and(
              sql`starts_with(${signInFailures.key}, 'account:')`,
              sql`${signInFailures.failures} >= ${rule.failures}::int`,
              gt(signInFailures.windowStartedAt, new Date(now - rule.windowSeconds * 1000)),
            ),
            and(
              sql`starts_with(${signInFailures.key}, 'pair:')`,
              gt(signInFailures.blockedUntil, new Date(now)),
            ),
            and(
              sql`starts_with(${signInFailures.key}, 'account:')`,
              gt(signInFailures.blockedUntil, new Date(now)),
            ),
          ),
        ),
      );
    return new Set(rows.map((r) => loginNameOfKey(r.key)));
  }

  /** Every few hundred attempts: rows whose windows and blocks are long over go. */
  private pruneNowAndThen(tenantId: string, now: number) {
    if (++this.counted % 500 !== 0) return;
    const longest = Math.max(
      ...Object.values(this.limits).map((r) => Math.max(r.windowSeconds, r.maxBlockSeconds ?? 0)),
    );
    const before = new Date(now - longest * 1000);
    void this.db
      .delete(signInFailures)
      .where(
        and(
          eq(signInFailures.tenantId, tenantId),
          lt(signInFailures.updatedAt, before),
          or(isNull(signInFailures.blockedUntil), lt(signInFailures.blockedUntil, new Date(now))),
        ),
      )
      .catch(() => undefined);
  }
}

class Refused extends Error {}

type SQL = ReturnType<typeof sql>;

function loginNameOfKey(key: string): string {
  if (key.startsWith('account:')) return key.slice('account:'.length);
  // pair:<address>|<name>: an address never contains "|", a typed name may.
  return key.slice(key.indexOf('|') + 1);
}

/**
 * What an administrator's password reset does: every count and block on the login name goes (the
 * account key and the pair keys of every address), so its owner can sign in at once.
 */
export async function clearLoginName(db: Db, tenantId: string, loginName: string) {
  const name = foldLoginName(loginName);
  await db
    .delete(signInFailures)
    .where(
      and(
        eq(signInFailures.tenantId, tenantId),
        or(
          eq(signInFailures.key, `account:${name}`),
          and(
            sql`starts_with(${signInFailures.key}, 'pair:')`,
            sql`substr(${signInFailures.key}, strpos(${signInFailures.key}, '|') + 1) = ${name}`,
          ),
        ),
      ),
    );
}
