// `npm start`: open (and on first start prepare) the database, then serve the API and the web client.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { DataVersion } from '../db/data-changes.js';
import { pruneSessions } from '../features/auth/sessions.js';
import { closeDocumentPool } from '../features/consolidated-report/document-pool.js';
import { serverSecret } from '../features/feedback/form.js';
import { snapshotDirectories } from '../features/imports/directory-snapshots.js';
import { startMailDelivery } from '../features/notifications/mailer.js';
import { readPlanFile } from '../features/plans/load.js';
import { createPlanFromFile } from '../features/plans/service.js';
import { createDemoAccounts } from '../features/users/demo.js';
import { buildApp, WEB_DIST } from './app.js';
import { DataDirLockedError, openInstallation } from './bootstrap.js';
import { jobScheduleFromEnv } from './jobs/jobs.js';
import { startJobs } from './jobs/runner.js';
import { openEvidenceStorage } from './storage/evidence-storage.js';

const log = (message: string) => console.log(`[tiendo] ${message}`);

async function main() {
  const config = loadConfig();
  const jobSchedule = jobScheduleFromEnv();
  const opened = await openInstallation(config, 'system', log);
  // A new embedded database gets its starter's example plan (reference/tenants/<code>/tenant.json,
  // "demo") so that a first start shows something real; a PostgreSQL server (production) starts
  // empty unless TIENDO_DEMO=1.
  const demo = process.env.TIENDO_DEMO ? process.env.TIENDO_DEMO === '1' : !config.databaseUrl;
  const demoPlan = opened.starter?.demo?.plan;
  if (opened.created && demo && demoPlan) {
    log(`New database: loading the example plan (${demoPlan})…`);
    await createPlanFromFile(
      opened.database.db,
      { id: `system:${userInfo().username}`, tenantId: opened.tenantId },
      readPlanFile(demoPlan),
    );
    log('New database: creating the demo accounts (README.md, “Tài khoản dùng thử”)…');
    await createDemoAccounts(
      opened.database.db,
      { id: 'system', tenantId: opened.tenantId },
      opened.tenantId,
    );
  }
  // Counts and overviews are cached until the database announces a change (db/data-changes.ts).
  const dataVersion = new DataVersion();
  if (config.databaseUrl && !config.secret)
    log('TIENDO_SECRET is not set: feedback forms work only on the instance that issued them');
  const listener = await opened.database.listen(dataVersion);
  const app = await buildApp({
    db: opened.database.db,
    dataVersion,
    webDir: WEB_DIST,
    // Evidence files: the folder TIENDO_FILES_DIR names (one folder every instance mounts).
    evidenceStorage: openEvidenceStorage(config),
    session: config.session,
    secureCookie: config.session.secureCookie,
    // Redaction and serializers: server/logging.ts, applied by buildApp.
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    trustProxy: config.trustProxy,
    smtpConfigured: Boolean(config.smtpUrl),
    load: config.load,
    feedback: {
      secret: serverSecret(config.secret, join(config.dataDir, 'secret')),
      minFormSeconds: config.feedbackMinSeconds,
    },
    // The embedded database's registry, as files the CLI's dry run reads without the lock.
    ...(config.databaseUrl
      ? {}
      : {
          onRegistryChange: (tenantId: string) =>
            void snapshotDirectories(opened.database.db, config.dataDir, tenantId).catch(
              (e: unknown) => log(`could not write the registry snapshot: ${(e as Error).message}`),
            ),
        }),
  });
  // Without SMTP_URL this does nothing: mail stays in the outbox for the administrator.
  const stopMail = startMailDelivery(opened.database.db, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    publicUrl: config.publicUrl,
    log,
  });
  // Sessions past their limits are refused when presented; this removes the ones never presented.
  const prune = () =>
    pruneSessions(opened.database.db, config.session).catch((e: unknown) =>
      log(`could not prune sessions: ${(e as Error).message}`),
    );
  await prune();
  const pruning = setInterval(prune, 60 * 60_000);
  pruning.unref();
  // Reminders of missing period reports (server/jobs): at start, then on a schedule; pg-boss on
  // PostgreSQL, in this process on the embedded database.
  const jobs = await startJobs(opened.database, {
    ...jobSchedule,
    connectionString: config.databaseUrl,
    log,
  });
  // A second signal ends the process at once (the handlers are `once`): nothing acknowledged is
  // lost by that, since a commit is on disk before its answer is sent.
  const shutdown = async (signal: string) => {
    log(`${signal}: stopping…`);
    clearInterval(pruning);
    try {
      await jobs.stop(); // a run under way finishes its batch
      await closeDocumentPool();
      await stopMail();
      await app.close(); // requests in progress finish; new ones are refused
      await listener.stop();
      await opened.close(); // the embedded database checkpoints, then the lock is released
      process.exit(0);
    } catch (e) {
      console.error('[tiendo] stopping failed:', e);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost =
    config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  log(`Tiến Độ is running at http://${shownHost}:${port}`);
}

main().catch((e: unknown) => {
  if (e instanceof DataDirLockedError) {
    console.error(`[tiendo] ${e.message} Stop it first, or set TIENDO_DATA_DIR to another folder.`);
  } else {
    console.error('[tiendo] start failed:', e);
  }
  process.exit(1);
});
