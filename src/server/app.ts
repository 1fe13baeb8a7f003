// The HTTP application: plugins, the request chain's fixed parts, feature routes, the web client.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TrustProxy } from '../config.js';
import type { Db } from '../db/client.js';
import { DataVersion } from '../db/data-changes.js';
import { ReadCache } from '../db/read-cache.js';
import { adjustmentRoutes } from '../features/adjustments/routes.js';
import { agencyRoutes } from '../features/agencies/routes.js';
import { agencyReportRoutes } from '../features/agency-reports/routes.js';
import { auditRoutes } from '../features/audit/routes.js';
import { authHooks } from '../features/auth/hooks.js';
import { authRoutes } from '../features/auth/routes.js';
import type { SessionLimits } from '../features/auth/sessions.js';
import type { SignInThrottleOptions } from '../features/auth/throttle.js';
import { communeRoutes } from '../features/communes/routes.js';
import { consolidatedReportRoutes } from '../features/consolidated-report/routes.js';
import { dashboardRoutes } from '../features/dashboard/routes.js';
import { DEFAULT_FEEDBACK, type FeedbackSettings } from '../features/feedback/form.js';
import { feedbackRoutes } from '../features/feedback/routes.js';
import { changesRegistry } from '../features/imports/directory-snapshots.js';
import { importRoutes } from '../features/imports/routes.js';
import { mapRoutes } from '../features/map/routes.js';
import { notificationRoutes } from '../features/notifications/routes.js';
import { planRoutes } from '../features/plans/routes.js';
import { projectRoutes } from '../features/projects/routes.js';
import { publicViewRoutes } from '../features/public-view/routes.js';
import { reminderRoutes } from '../features/reminders/routes.js';
import { reorganisationRoutes } from '../features/reorganisation/routes.js';
import { reportingPeriodRoutes } from '../features/reporting-periods/routes.js';
import { searchRoutes } from '../features/search/routes.js';
import { targetRoutes } from '../features/targets/routes.js';
import { taskRoutes } from '../features/tasks/routes.js';
import { tenantSettingsRoutes } from '../features/tenant-settings/routes.js';
import { TenantDirectory, type TenantResolver } from '../features/tenants/hosts.js';
import { tenantRoutes } from '../features/tenants/routes.js';
import { userRoutes } from '../features/users/routes.js';
import { rejectControlCharacters } from './control-characters.js';
import { AppError, type ErrorIssue, RetryLaterError } from './errors.js';
import { type LoadLimits, loadShedding } from './load-shedding.js';
import { type LogSettings, loggerOptions } from './logging.js';
import type { Principal } from './principal.js';
import { type EvidenceStorage, openEvidenceStorage } from './storage/evidence-storage.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Expensive reads kept until the task data changes (db/read-cache.ts). */
    readCache: ReadCache;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

const DEFAULT_SESSION: SessionLimits = { idleMinutes: 30, absoluteHours: 12 };

export type AppOptions = {
  db: Db;
  /**
   * Which tenant serves a request's host (features/tenants/hosts.ts); by default the tenants'
   * host names in the database, with every other host served by `tenantId` when given, else by
   * the first tenant created.
   */
  tenants?: TenantResolver;
  /** The tenant of hosts no tenant claims (tests of one tenant); the first created when absent. */
  tenantId?: string;
  /** Where evidence files are stored (server/storage/); a folder `filesDir` when absent. */
  evidenceStorage?: EvidenceStorage;
  /** The evidence folder when no storage is given; a temporary folder when absent too (tests). */
  filesDir?: string;
  session?: SessionLimits;
  secureCookie?: boolean;
  /** Limits of the sign-in throttle (features/auth/throttle.ts); tests pass their own. */
  loginThrottle?: SignInThrottleOptions;
  /** Folder of the built web client; not served when absent (API-only tests). */
  webDir?: string | undefined;
  /** Logging (level, destination): off when absent; secrets are redacted (logging.ts). */
  logger?: LogSettings | boolean;
  /** Whose X-Forwarded-For names the client (TIENDO_TRUST_PROXY); nobody's when absent. */
  trustProxy?: TrustProxy;
  /** E-mail is delivered (SMTP_URL set); the outbox says so to the administrator. */
  smtpConfigured?: boolean;
  /** API requests at once, waiting, and for how long before 503 (config.ts); unlimited when absent. */
  load?: LoadLimits;
  /**
   * The version of the task data, kept by a listener on the database (db/data-changes.ts): with it,
   * counts and overviews are cached until the data changes; without it, every read computes.
   */
  dataVersion?: DataVersion;
  /** Called after a request changed a tenant's agency registry (the CLI's registry snapshot). */
  onRegistryChange?: (tenantId: string) => void;
  /**
   * Public feedback's secret and limits (features/feedback/form.ts); a random secret and the
   * defaults when absent (tests). Instances sharing a database need the same secret.
   */
  feedback?: Partial<FeedbackSettings>;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Hashed file names (Vite's assets/): their content never changes under that name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function errorBody(
  code: string,
  message: string,
  issues: readonly ErrorIssue[] = [],
  current?: unknown,
) {
  return { error: { code, message, issues, ...(current === undefined ? {} : { current }) } };
}

/** TIENDO_TRUST_PROXY as Fastify takes it (a hop count is a function of the hop). */
function fastifyTrustProxy(trust: TrustProxy) {
  if (trust === false) return false;
  if ('hops' in trust) {
    const { hops } = trust;
    return (_address: string, hop: number) => hop < hops;
  }
  return [...trust];
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger === true ? {} : options.logger) : false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    genReqId: () => crypto.randomUUID(),
    // Reasonable limits for JSON APIs; uploads get their own limits where they exist.
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before every route's schema: no control characters in params, query or body.
  app.addHook('preValidation', rejectControlCharacters);
  app.decorate('db', options.db);
  const dataVersion = options.dataVersion ?? new DataVersion();
  app.decorate('readCache', new ReadCache(dataVersion));
  // A write answered by this server is a change its next read must see, even before the
  // database's announcement reaches the listener; the response is sent after the commit.
  app.addHook('onSend', async (request) => {
    if (!SAFE_METHODS.has(request.method)) dataVersion.bump();
  });
  // A registry changed: the snapshot the CLI's dry run reads is written again (after the answer).
  const onRegistryChange = options.onRegistryChange;
  if (onRegistryChange) {
    app.addHook('onResponse', async (request, reply) => {
      if (
        request.principal?.kind === 'user' &&
        changesRegistry(request.method, request.url, reply.statusCode)
      )
        onRegistryChange(request.principal.tenantId);
    });
  }
  app.decorateRequest('principal', null as never);
  const authOptions = {
    tenants:
      options.tenants ?? new TenantDirectory(options.db, { fallbackTenantId: options.tenantId }),
    session: options.session ?? DEFAULT_SESSION,
    secureCookie: options.secureCookie ?? false,
    throttle: options.loginThrottle ?? {},
  };

  // First of all, before a session is looked up in the database: refuse what cannot be served soon.
  if (options.load) loadShedding(app, options.load);
  // br or gzip for what compresses (JS, CSS, JSON, SVG, HTML) above 1 KB, on every route after this.
  // Brotli at quality 5: on the fly, the top quality costs far more CPU for a few percent.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });

  // authenticate, security headers, CSRF: features/auth/hooks.ts.
  await app.register(authHooks, authOptions);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        field: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join(
          '.',
        ),
        code: String(
          v.params?.issue && typeof v.params.issue === 'object' && 'code' in v.params.issue
            ? v.params.issue.code
            : v.keyword,
        ),
        message: v.message ?? 'invalid',
      }));
      return reply
        .code(400)
        .send(errorBody('invalid_input', 'The request does not match the schema', issues));
    }
    if (error instanceof AppError) {
      if (error instanceof RetryLaterError)
        reply.header('retry-after', String(error.retryAfterSeconds));
      if (error.status === 429) request.log.warn({ code: error.code }, error.message);
      return reply
        .code(error.status)
        .send(errorBody(error.code, error.message, error.issues, error.current));
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: error, issues: error.cause.issues },
        'response does not match its schema',
      );
      return reply.code(500).send(errorBody('internal_error', 'Internal error'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send(errorBody(error.code ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('internal_error', 'Internal error'));
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Tiến Độ API', version: '0.1.0', description: 'Theo dõi thực hiện kế hoạch' },
    },
    transform: jsonSchemaTransform,
    // Recursive schemas (plan tree, legal basis, outline) are named components, so their $refs resolve.
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(authRoutes, authOptions);
  await app.register(userRoutes);
  await app.register(agencyRoutes);
  await app.register(communeRoutes);
  await app.register(planRoutes);
  // Tasks, targets, projects and adjustments keep evidence in one storage (server/storage/).
  const evidence =
    options.evidenceStorage ??
    openEvidenceStorage({
      filesDir: options.filesDir ?? mkdtempSync(join(tmpdir(), 'tiendo-files-')),
    });
  await app.register(targetRoutes, { evidence });
  await app.register(adjustmentRoutes, { evidence });
  await app.register(projectRoutes, { evidence });
  await app.register(agencyReportRoutes);
  await app.register(importRoutes);
  await app.register(reorganisationRoutes);
  await app.register(reportingPeriodRoutes);
  await app.register(taskRoutes, { evidence });
  await app.register(tenantSettingsRoutes);
  await app.register(tenantRoutes);
  await app.register(consolidatedReportRoutes);
  await app.register(dashboardRoutes);
  await app.register(auditRoutes);
  await app.register(notificationRoutes, { smtpConfigured: options.smtpConfigured ?? false });
  await app.register(reminderRoutes);
  await app.register(searchRoutes);
  await app.register(publicViewRoutes);
  await app.register(feedbackRoutes, {
    settings: {
      ...DEFAULT_FEEDBACK,
      secret: randomBytes(32).toString('base64url'),
      ...options.feedback,
    },
  });
  await app.register(mapRoutes);

  const webDir = options.webDir;
  if (webDir && existsSync(webDir)) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    // Hashed assets are cached for a year; index.html (and anything unhashed) is revalidated.
    const assets = join(webDir, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the web client; unknown API paths and assets get a 404.
    if (
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/assets/') &&
      request.method === 'GET' &&
      webDir &&
      existsSync(webDir)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send(errorBody('not_found', 'Not found'));
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
