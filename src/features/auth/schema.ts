// API contract of signing in and the current session, shared with the web client.
import { z } from 'zod';
import { ROLES } from '../../server/principal.js';

export const roleSchema = z.enum(ROLES);

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const agencyRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const currentUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  agency: agencyRefSchema.nullable(),
  /** A demo account of a demo database: the UI shows a banner. */
  demo: z.boolean(),
});

export const sessionSchema = z.object({
  user: currentUserSchema.nullable(),
  /** Sent back in the X-CSRF-Token header of every state-changing request. */
  csrfToken: z.string().nullable(),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const endedSessionsSchema = z.object({ ended: z.number().int() });

export type CurrentUser = z.infer<typeof currentUserSchema>;
export type Session = z.infer<typeof sessionSchema>;
