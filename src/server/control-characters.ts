// Control characters in input: refused at validation, for every route. A NUL cannot be stored in
// PostgreSQL text (the query fails), and the others (C0 but tab, line feed and carriage return;
// DEL; C1) have no place in names, searches, comments or narratives. One checker walks every
// string (and key) of a request's params, query and body before its schema runs; multipart text
// fields, which routes read themselves, go through `checkedTextField`.
import type { FastifyRequest } from 'fastify';
import { type ErrorIssue, InvalidInputError } from './errors.js';

// C0 without \t \n \r, DEL, C1.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const hasControlCharacter = (text: string) => CONTROL.test(text);

function issue(field: string, text: string): ErrorIssue {
  const found = text.match(CONTROL)?.[0] ?? '';
  const code = `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    field,
    code: 'control_character',
    message: `contains the control character ${code}`,
  };
}

/** Issues for every string or key under `value` that holds a control character. */
export function controlCharacterIssues(value: unknown, path: string, out: ErrorIssue[] = []) {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (hasControlCharacter(value)) out.push(issue(path, value));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      controlCharacterIssues(v, `${path}.${i}`, out);
    });
  } else if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      // The key is shown without its control characters.
      const shown = `${path}.${[...key].filter((c) => !hasControlCharacter(c)).join('')}`;
      if (hasControlCharacter(key)) out.push(issue(shown, key));
      controlCharacterIssues(v, shown, out);
    }
  }
  return out;
}

/** Parsed JSON, query strings and params; not Buffers (uploaded documents) nor streams. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date)
    return false;
  return typeof (value as { pipe?: unknown }).pipe !== 'function';
}

/** A preValidation hook: 400 invalid_input naming each field that holds a control character. */
export async function rejectControlCharacters(request: FastifyRequest) {
  const issues: ErrorIssue[] = [];
  controlCharacterIssues(request.params, 'params', issues);
  controlCharacterIssues(request.query, 'querystring', issues);
  controlCharacterIssues(request.body, 'body', issues);
  if (issues.length) throw new InvalidInputError(issues, 'invalid_input');
}

/**
 * A text field of a multipart body as a string, refused like any other field with a control
 * character; `field` names it in the issue as the route names its other fields.
 */
export function checkedTextField(field: string, value: unknown): string {
  const text = String(value);
  if (hasControlCharacter(text)) throw new InvalidInputError([issue(field, text)]);
  return text;
}
