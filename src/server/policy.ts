// Declarative policies: one per entity, mapping each action to a rule on the principal (and the
// object, where it matters). Routes call `authorize`; presenters send `abilities` to the UI so it
// shows only what the user may do instead of re-deriving rules.

import { AppError, NotFoundError } from './errors.js';
import type { Principal } from './principal.js';

export type Rule<T> = (principal: Principal, object: T) => boolean;
export type Policy<T, A extends string> = { entity: string; rules: Record<A, Rule<T>> };

export function definePolicy<T, A extends string>(
  entity: string,
  rules: Record<A, Rule<T>>,
): Policy<T, A> {
  return { entity, rules };
}

export function can<T, A extends string>(
  policy: Policy<T, A>,
  principal: Principal,
  action: A,
  object: T,
): boolean {
  return policy.rules[action](principal, object);
}

/** Throws the same error as a missing object: callers cannot learn what exists. */
export function authorize<T, A extends string>(
  policy: Policy<T, A>,
  principal: Principal,
  action: A,
  object: T,
): void {
  if (!can(policy, principal, action, object)) throw new NotFoundError(policy.entity);
}

export function abilities<T, A extends string>(
  policy: Policy<T, A>,
  principal: Principal,
  object: T,
): Record<A, boolean> {
  const out = {} as Record<A, boolean>;
  for (const action of Object.keys(policy.rules) as A[])
    out[action] = policy.rules[action](principal, object);
  return out;
}

/**
 * A decision (a review, an extension) on a request: who may decide it, and it is still pending.
 * One already decided is a conflict (409) for those who could have decided it, "not found" for
 * others.
 */
export function authorizeDecision<T extends { status: string }, A extends string>(
  policy: Policy<T, A>,
  principal: Principal,
  action: A,
  object: T,
): void {
  if (
    object.status !== 'pending' &&
    can(policy, principal, action, { ...object, status: 'pending' })
  )
    throw new AppError(409, 'already_decided', `${policy.entity} already decided`);
  authorize(policy, principal, action, object);
}
