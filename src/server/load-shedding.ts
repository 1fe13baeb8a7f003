// A server that cannot keep up says so at once instead of letting requests hang: at most
// `maxInFlight` API requests are worked on together, up to `maxQueue` more wait in line for at most
// `maxQueueWaitMs`, and the rest get 503 with Retry-After. The count of requests in flight is the
// backlog itself: PGlite answers one query at a time on the main thread (an event-loop delay measure
// sees it late, and also sees work that is not the database's), and a PostgreSQL pool queues
// beyond its connections. /api/health never waits: it says the process is up even when busy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests worked on and waiting now (when load shedding is on). */
    loadStats?: () => { inFlight: number; queued: number };
  }
}

export type LoadLimits = {
  /** API requests worked on at the same time. */
  maxInFlight: number;
  /** Requests that wait for a place; beyond this they are refused at once. */
  maxQueue: number;
  /** How long a request waits for a place before it is refused. */
  maxQueueWaitMs: number;
};

/** Paths that are answered whatever the load. */
const EXEMPT = new Set(['/api/health']);

type Waiter = { admit: () => void };

export function loadShedding(app: FastifyInstance, limits: LoadLimits) {
  let inFlight = 0;
  const queue: Waiter[] = [];
  app.decorate('loadStats', () => ({ inFlight, queued: queue.length }));
  const retryAfter = String(Math.max(1, Math.ceil(limits.maxQueueWaitMs / 1000)));

  const release = () => {
    const next = queue.shift();
    // The place goes straight to the next in line, so a new arrival cannot overtake it.
    if (next) next.admit();
    else inFlight--;
  };

  // Thrown, so that nothing after this hook runs; the error handler sends the usual error body.
  const refuse = (reply: FastifyReply, why: string) => {
    reply.header('retry-after', retryAfter).header('cache-control', 'no-store');
    return new AppError(503, 'server_busy', `The server is busy (${why}); try again shortly`);
  };

  /** Resolves true once the request has a place, false if it waited too long or went away. */
  const wait = (reply: FastifyReply) =>
    new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          reply.raw.off('close', gone);
          resolve(true);
        },
      };
      const leave = () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        reply.raw.off('close', gone);
        resolve(false);
      };
      const timer = setTimeout(leave, limits.maxQueueWaitMs);
      const gone = () => {
        clearTimeout(timer);
        leave();
      };
      reply.raw.once('close', gone);
      queue.push(waiter);
    });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    if (EXEMPT.has(request.url.split('?')[0] ?? '')) return;
    if (inFlight < limits.maxInFlight) {
      inFlight++;
    } else if (queue.length >= limits.maxQueue) {
      throw refuse(reply, 'queue full');
    } else if (!(await wait(reply))) {
      throw refuse(reply, 'waited too long');
    }
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      release();
    };
    // 'finish' when the answer is sent; 'close' also when the client goes away first.
    reply.raw.once('finish', done);
    reply.raw.once('close', done);
  });
}
