/** Text to match literally inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase matched literally, with any run of white space between its words. */
export function phrasePattern(s: string): string {
  return s.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
}
