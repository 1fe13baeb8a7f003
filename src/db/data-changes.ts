// When the data behind task counts last changed, as this process knows it. The database announces
// every committed change of tasks, their assignments and reports, agencies and plans on the
// `tiendo_task_data` channel (migration 0008), and of the plan data beside them — targets and
// actuals, projects and what hangs off them, feedback, plan sections, reporting periods and
// reports (migration 0024); the server listens, and also counts its own write
// requests the moment they answer (an announcement may reach the listener a little after the
// writer's response reaches its user). Read caches (read-cache.ts) key their entries by this
// version. While the listener is not connected, changes made elsewhere would go unseen, so the
// version says it cannot be trusted and caches step aside.
import pg from 'pg';

export const TASK_DATA_CHANNEL = 'tiendo_task_data';

export class DataVersion {
  #value = 0;
  #heard = false;

  /** The version, or null when changes made by other connections may go unseen. */
  get current(): number | null {
    return this.#heard ? this.#value : null;
  }

  /** Something changed (an announcement, or a write request of this process). */
  bump(): void {
    this.#value += 1;
  }

  /** Whether announcements are being heard; a lost listener also counts as a change. */
  setHeard(heard: boolean): void {
    if (heard !== this.#heard) this.#value += 1;
    this.#heard = heard;
  }
}

/** A source of announcements: stop() ends the listening. */
export type Listener = { stop(): Promise<void> };

/**
 * Listens on PostgreSQL with a connection of its own (a pooled one would be handed to queries),
 * reconnecting after a loss with a growing pause (1 s doubling to 30 s).
 */
export function listenPostgres(url: string, version: DataVersion): Listener {
  let client: pg.Client | null = null;
  let stopped = false;
  let pause = 1000;
  let timer: NodeJS.Timeout | null = null;

  const lost = (reason: string) => {
    version.setHeard(false);
    const c = client;
    client = null;
    c?.removeAllListeners();
    c?.on('error', () => {});
    c?.end().catch(() => {});
    if (stopped || timer) return;
    console.error(`[tiendo] Listening for data changes stopped (${reason}); retrying`);
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, pause);
    timer.unref();
    pause = Math.min(pause * 2, 30_000);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('notification', () => version.bump());
    c.on('error', (e) => lost(e.message));
    c.on('end', () => {
      if (client === c) lost('connection ended');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${TASK_DATA_CHANNEL}`);
      if (stopped || client !== c) return;
      pause = 1000;
      version.setHeard(true);
    } catch (e) {
      if (client === c) lost(e instanceof Error ? e.message : String(e));
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      version.setHeard(false);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
    },
  };
}

/** PGlite: one connection in this process; its announcements arrive with the query results. */
export async function listenPglite(
  client: {
    listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  },
  version: DataVersion,
): Promise<Listener> {
  const unlisten = await client.listen(TASK_DATA_CHANNEL, () => version.bump());
  version.setHeard(true);
  return {
    async stop() {
      version.setHeard(false);
      await unlisten();
    },
  };
}
