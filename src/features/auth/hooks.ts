// The fixed front of every request: security headers, authenticate (session cookie → principal),
// 401 for anonymous callers of every API route not declared public, and CSRF protection of every
// state-changing request. Also the sign-in throttle the auth and user routes share.
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, NotFoundError } from '../../server/errors.js';
import { anonymous, type Principal, type UserPrincipal } from '../../server/principal.js';
import type { ResolvedTenant, TenantResolver } from '../tenants/hosts.js';
import { principalForSession, SESSION_COOKIE, type SessionLimits, sameToken } from './sessions.js';
import { SignInThrottle, type SignInThrottleOptions } from './throttle.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers anonymous callers (signing in, the session probe, health, OpenAPI). */
    public?: boolean;
    /**
     * The route answers the Fatherland Front's supervisor (role `supervisor`): their own session,
     * notifications, and the agencies' reports (accepted ones only: agency-reports/policy.ts).
     * Every other non-public route is 404 for them (SUPERVISOR_RULE below).
     */
    supervisor?: boolean;
  }
  interface FastifyInstance {
    signInThrottle: SignInThrottle;
    /** Which tenant serves a host (features/tenants/hosts.ts). */
    tenants: TenantResolver;
  }
  interface FastifyRequest {
    /** The tenant of the request's host: sign-in, sessions and the anonymous principal are its. */
    tenant: ResolvedTenant;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthOptions = {
  /** Finds the tenant of each request from its host name. */
  tenants: TenantResolver;
  session: SessionLimits;
  secureCookie: boolean;
  /** Limits of the sign-in throttle (throttle.ts); tests pass their own. */
  throttle?: SignInThrottleOptions;
};

export class UnauthenticatedError extends AppError {
  constructor() {
    super(401, 'unauthenticated', 'Sign in first');
  }
}

/** For routes that need a signed-in user (anonymous callers get 401, not 404). */
export function requireUser(request: FastifyRequest): UserPrincipal {
  if (request.principal.kind !== 'user') throw new UnauthenticatedError();
  return request.principal;
}

export function cookieOptions(options: AuthOptions, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookie,
    ...(expires ? { expires } : {}),
  };
}

async function authPlugin(app: FastifyInstance, options: AuthOptions) {
  app.decorate('signInThrottle', new SignInThrottle(app.db, options.throttle));
  app.decorate('tenants', options.tenants);
  app.decorateRequest('tenant', null as never);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // The client is served from the same origin and needs nothing from elsewhere. Ant Design
    // injects its CSS at run time, hence inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense behind HTTPS.
    hsts: options.secureCookie,
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (request, reply) => {
    // The host name (X-Forwarded-Host only from a trusted proxy) decides the tenant; a session
    // of another tenant is not valid here.
    const tenant = await options.tenants.resolve(request.host);
    request.tenant = tenant;
    let principal: Principal = anonymous(tenant.id);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const user = await principalForSession(app.db, tenant.id, token, options.session);
      if (user) principal = user;
      else reply.clearCookie(SESSION_COOKIE, cookieOptions(options));
    }
    request.principal = principal;
    const api = request.url.startsWith('/api/');
    if (api) reply.header('cache-control', 'no-store');
    // Anonymous callers of anything but the public routes stop here, before the body is read or
    // validated: no schema is disclosed, no upload is buffered. Unknown paths get their 404.
    if (
      api &&
      principal.kind !== 'user' &&
      !request.is404 &&
      request.routeOptions.config.public !== true
    ) {
      throw new UnauthenticatedError();
    }

    // SUPERVISOR_RULE: the supervisor reads the public view and the agencies' accepted reports,
    // nothing else: one rule here rather than an exception in every feature's policy.
    if (
      api &&
      principal.kind === 'user' &&
      principal.role === 'supervisor' &&
      !request.is404 &&
      request.routeOptions.config.public !== true &&
      request.routeOptions.config.supervisor !== true
    ) {
      throw new NotFoundError('route');
    }

    if (SAFE_METHODS.has(request.method)) return;
    // A cross-site form or script cannot set this header, and cannot read the token to copy it.
    if (principal.kind === 'user') {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, principal.csrfToken)) {
        throw new AppError(403, 'csrf_failed', 'Missing or wrong CSRF token');
      }
    }
    // Requests without a session (signing in): refuse other origins outright.
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host !== request.headers.host) {
        throw new AppError(403, 'csrf_failed', 'Cross-origin request refused');
      }
    } else if (origin === 'null') {
      throw new AppError(403, 'csrf_failed', 'Cross-origin request refused');
    }
  });
}

export const authHooks = fp(authPlugin, { name: 'tiendo-auth' });
