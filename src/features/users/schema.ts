// API contract of user administration, shared with the web client.
import { z } from 'zod';
import { agencyRefSchema, roleSchema } from '../auth/schema.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, 'lower-case letters, digits, . _ -; 3 to 50 characters');

export const userIdParamsSchema = z.object({ id: z.uuid() });

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(200).nullable().default(null),
  role: roleSchema,
  agencyId: z.uuid().nullable().default(null),
  password: z.string().min(1).max(200),
});

export const updateUserBodySchema = z.object({
  /** The version the change is based on; a stale one is refused with 409. */
  version: z.number().int().min(1),
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(200).nullable().optional(),
  role: roleSchema.optional(),
  agencyId: z.uuid().nullable().optional(),
  disabled: z.boolean().optional(),
});

export const resetPasswordBodySchema = z.object({ password: z.string().min(1).max(200) });

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  agency: agencyRefSchema.nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  demo: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const userListSchema = z.object({ items: z.array(userSchema) });

/** For mentions and pickers: who can be named in a comment. */
export const userDirectoryQuerySchema = z.object({ q: z.string().trim().max(100).optional() });
export const userDirectorySchema = z.object({
  items: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      agency: agencyRefSchema.nullable(),
    }),
  ),
});

export type User = z.infer<typeof userSchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
