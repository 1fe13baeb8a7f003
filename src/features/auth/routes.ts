// /api/auth: sign in, the current session, sign out (here or everywhere), change one's password.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthOptions, cookieOptions, requireUser } from './hooks.js';
import {
  changePasswordBodySchema,
  endedSessionsSchema,
  loginBodySchema,
  sessionSchema,
} from './schema.js';
import { changeOwnPassword, currentUserView, login } from './service.js';
import { endAllSessions, endSession, principalForSession, SESSION_COOKIE } from './sessions.js';

export const authRoutes: FastifyPluginAsyncZod<AuthOptions> = async (app, options) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie (429 too_many_attempts with Retry-After)',
        body: loginBodySchema,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { cookieToken, expiresAt } = await login(
        app.db,
        request.tenant.id,
        {
          ...request.body,
          ip: request.ip,
          ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
        },
        options.session,
        app.signInThrottle,
        request.id,
      );
      reply.setCookie(SESSION_COOKIE, cookieToken, cookieOptions(options, expiresAt));
      // The new session becomes the principal of the answer.
      const principal = await principalForSession(
        app.db,
        request.tenant.id,
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
      config: { public: true },
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
      config: { supervisor: true },
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
      config: { supervisor: true },
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
      config: { supervisor: true },
      schema: {
        tags: ['auth'],
        summary:
          'Change one’s own password; every session ends (wrong current passwords count like failed sign-ins)',
        body: changePasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      await changeOwnPassword(
        app.db,
        p,
        { ...request.body, ip: request.ip },
        app.signInThrottle,
        request.id,
      );
      reply.clearCookie(SESSION_COOKIE, cookieOptions(options));
      return reply.code(204).send(null);
    },
  );
};
