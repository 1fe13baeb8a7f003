// /api/auth: sign in, the current session, sign out (here or everywhere), change one's password.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.js';
import { type AuthOptions, cookieOptions, requireUser } from './hooks.js';
import {
  changePasswordBodySchema,
  endedSessionsSchema,
  loginBodySchema,
  sessionSchema,
} from './schema.js';
import { changeOwnPassword, currentUserView, login } from './service.js';
import { endAllSessions, endSession, principalForSession, SESSION_COOKIE } from './sessions.js';
import { AttemptThrottle } from './throttle.js';

export type AuthRouteOptions = AuthOptions & { throttle?: AttemptThrottle };

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, options) => {
  // 20 attempts per address per 10 minutes, whatever the account.
  const throttle = options.throttle ?? new AttemptThrottle(20, 10 * 60_000);

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginBodySchema,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      if (!throttle.allow(request.ip)) {
        const retry = throttle.retryAfter(request.ip);
        reply.header('retry-after', String(retry));
        throw new AppError(
          429,
          'too_many_attempts',
          `Too many sign-in attempts; retry in ${retry}s`,
        );
      }
      const { cookieToken, expiresAt } = await login(
        app.db,
        options.tenantId,
        {
          ...request.body,
          ip: request.ip,
          ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
        },
        options.session,
        request.id,
      );
      reply.setCookie(SESSION_COOKIE, cookieToken, cookieOptions(options, expiresAt));
      // The new session becomes the principal of the answer.
      const principal = await principalForSession(
        app.db,
        options.tenantId,
        cookieToken,
        options.session,
      );
      if (!principal) throw new Error('session vanished right after login');
      return { user: await currentUserView(app.db, principal), csrfToken: principal.csrfToken };
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in (user null for anonymous visitors) and the CSRF token',
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const p = request.principal;
      if (p.kind !== 'user') return { user: null, csrfToken: null };
      return { user: await currentUserView(app.db, p), csrfToken: p.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const p = requireUser(request);
      await endSession(app.db, p.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(options));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out of every session of this user',
        response: { 200: endedSessionsSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const ended = await endAllSessions(app.db, p.userId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(options));
      return { ended };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password; every session ends',
        body: changePasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      await changeOwnPassword(
        app.db,
        p,
        request.body.currentPassword,
        request.body.newPassword,
        request.id,
      );
      reply.clearCookie(SESSION_COOKIE, cookieOptions(options));
      return reply.code(204).send(null);
    },
  );
};
