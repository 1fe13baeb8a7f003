// E-mail delivery: a loop that sends the outbox through SMTP (SMTP_URL). Each mail is claimed with
// a conditional UPDATE before it is sent, so a mail is never sent twice (by two runs, two server
// processes, or a retry after success). A crash between claiming and the answer of the SMTP server
// leaves the mail marked sent: at most once, never twice. Without SMTP_URL nothing runs and the
// mail stays in the outbox for the administrator to read (GET /api/outbox).
import type { Db } from '../../db/client.js';
import { claimMail, deliverableMailIds, markMailFailed, markMailSent } from './service.js';

/** What delivery needs of a nodemailer transport (tests pass a fake). */
export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

export type DeliveryOptions = {
  from: string;
  /** The app's public address: relative links in bodies ("/nhiem-vu/…") are made absolute. */
  publicUrl: string;
  /** At most this many mails per run. */
  batchSize?: number;
  log?: (message: string) => void;
};

/**
 * Makes the app's relative links in a text absolute: a path ("/nhiem-vu/…") at the start of a line
 * or after a space. Dates ("17/7/2024") and a lone slash are left as they are.
 */
export function absoluteLinks(text: string, publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return text.replace(/(^|\s)(\/[\p{L}\p{N}_-][^\s]*)/gu, (_m, before: string, path: string) => {
    return `${before}${base}${path}`;
  });
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'send failed';

/** One pass over the outbox: sends what is waiting, one by one. */
export async function deliverOnce(
  db: Db,
  transport: MailTransport,
  options: DeliveryOptions,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  for (const id of await deliverableMailIds(db, options.batchSize ?? 50)) {
    const mail = await claimMail(db, id);
    if (!mail) continue; // taken by another deliverer meanwhile
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: absoluteLinks(mail.body, options.publicUrl),
      });
    } catch (e) {
      result.failed += 1;
      options.log?.(`mail ${mail.id} to ${mail.toAddress} not sent: ${errorText(e)}`);
      await markMailFailed(db, mail, errorText(e));
      continue;
    }
    result.sent += 1;
    await markMailSent(db, mail);
  }
  return result;
}

export type MailDeliveryConfig = DeliveryOptions & {
  smtpUrl: string | undefined;
  intervalMs?: number;
  /** For tests; by default nodemailer's SMTP transport for smtpUrl. */
  transport?: MailTransport & { close?: () => void };
};

/**
 * Starts sending the outbox every interval (the first pass at once). Returns stop(), which waits
 * for a pass under way. Does nothing without an SMTP URL.
 */
export function startMailDelivery(db: Db, config: MailDeliveryConfig): () => Promise<void> {
  const { smtpUrl, intervalMs = 30_000, log } = config;
  if (!smtpUrl) return async () => undefined;
  const transport = config.transport ?? smtpTransport(smtpUrl);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      const { sent, failed } = await deliverOnce(db, transport, config);
      if (sent || failed) log?.(`mail: ${sent} sent, ${failed} failed`);
    } catch (e) {
      log?.(`mail delivery failed: ${errorText(e)}`);
    }
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      running = pass().then(() => {
        if (!stopped) schedule(intervalMs);
      });
    }, delay);
    timer.unref?.();
  };
  schedule(0);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    transport.close?.();
  };
}

/**
 * nodemailer's SMTP transport, created on the first mail: the library (some 15 MB of memory) is
 * loaded only by a server that has mail to send.
 */
function smtpTransport(smtpUrl: string): MailTransport & { close: () => void } {
  let created: Promise<import('nodemailer').Transporter> | undefined;
  let transport: import('nodemailer').Transporter | undefined;
  const open = () => {
    created ??= import('nodemailer').then(({ default: nodemailer }) => {
      transport = nodemailer.createTransport(smtpUrl);
      return transport;
    });
    return created;
  };
  return {
    sendMail: async (message) => (await open()).sendMail(message),
    close: () => transport?.close(),
  };
}
