// Password hashing (Argon2id, OWASP's recommended parameters) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import type { ErrorIssue } from '../../server/errors.js';

// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password.normalize('NFC'), OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal it. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => {
  decoy ??= hashPassword('decoy password that nobody has');
  return decoy;
};

export const PASSWORD_MIN_LENGTH = 10;

/**
 * The policy: at least 10 characters with letters and digits, not the login name, not a password
 * from the short list of the most common ones. Issues name the rule broken (codes the UI translates).
 */
export function checkPassword(
  password: string,
  username: string,
  field = 'password',
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const issue = (code: string, message: string) => issues.push({ field, code, message });
  if ([...password].length < PASSWORD_MIN_LENGTH)
    issue('password_too_short', `at least ${PASSWORD_MIN_LENGTH} characters`);
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password))
    issue('password_too_simple', 'letters and digits are both needed');
  const folded = foldForSearch(password);
  if (username && folded.includes(foldForSearch(username)))
    issue('password_contains_username', 'must not contain the login name');
  if (COMMON.some((c) => folded.startsWith(c))) issue('password_common', 'too common');
  return issues;
}

const COMMON = ['123456', 'password', 'matkhau', 'qwerty', 'abc123', '111111', 'admin', 'tiendo'];
