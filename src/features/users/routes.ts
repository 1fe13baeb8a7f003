// /api/users: account administration (administrators) and a name lookup for mentions (everyone
// signed in). authenticate → validate → authorize → service → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { actorOf } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { canLookUpUsers, canManageUsers, userPolicy } from './policy.js';
import { presentUser } from './presenter.js';
import {
  createUserBodySchema,
  resetPasswordBodySchema,
  updateUserBodySchema,
  userDirectoryQuerySchema,
  userDirectorySchema,
  userIdParamsSchema,
  userListSchema,
  userSchema,
} from './schema.js';
import {
  createUser,
  findUser,
  listUsers,
  lookUpUsers,
  resetPassword,
  updateUser,
} from './service.js';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Accounts of the tenant',
        response: { 200: userListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (!canManageUsers(p)) throw new NotFoundError('user');
      const throttled = await app.signInThrottle.throttledLoginNames(p.tenantId);
      return { items: (await listUsers(app.db, p.tenantId)).map((u) => presentUser(u, throttled)) };
    },
  );

  app.get(
    '/api/users/directory',
    {
      schema: {
        tags: ['users'],
        summary: 'People to mention, by name or login (diacritics optional)',
        querystring: userDirectoryQuerySchema,
        response: { 200: userDirectorySchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (!canLookUpUsers(p)) throw new NotFoundError('user');
      const rows = await lookUpUsers(app.db, p.tenantId, request.query.q);
      return {
        items: rows.map((r) => ({
          username: r.username,
          displayName: r.displayName,
          agency: r.agencyId && r.agencyName ? { id: r.agencyId, name: r.agencyName } : null,
        })),
      };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an account',
        body: createUserBodySchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (!canManageUsers(p)) throw new NotFoundError('user');
      const row = await createUser(app.db, actorOf(p, request.id), p.tenantId, request.body);
      const created = await findUser(app.db, p.tenantId, row.id);
      if (!created) throw new NotFoundError('user');
      return reply
        .code(201)
        .send(presentUser(created, await app.signInThrottle.throttledLoginNames(p.tenantId)));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change an account (role, agency, name, e-mail, disabled); 409 on a stale version',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(userPolicy, p, 'update', { tenantId: p.tenantId, id: request.params.id });
      await updateUser(
        app.db,
        { ...actorOf(p, request.id), userId: p.userId },
        p.tenantId,
        request.params.id,
        request.body,
      );
      const after = await findUser(app.db, p.tenantId, request.params.id);
      if (!after) throw new NotFoundError('user');
      return presentUser(after, await app.signInThrottle.throttledLoginNames(p.tenantId));
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary:
          'Set a new password for an account (its sessions end, its sign-in counts and blocks are cleared)',
        params: userIdParamsSchema,
        body: resetPasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      authorize(userPolicy, p, 'resetPassword', { tenantId: p.tenantId, id: request.params.id });
      await resetPassword(
        app.db,
        actorOf(p, request.id),
        p.tenantId,
        request.params.id,
        request.body.password,
      );
      return reply.code(204).send(null);
    },
  );
};
