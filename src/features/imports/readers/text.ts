// Plain text (.txt) and Markdown (.md) files.
//
// Decoding: a BOM decides (UTF-8, UTF-16 LE/BE); without one the bytes must be valid UTF-8. Bytes
// that are not are checked for the legacy Vietnamese encodings (TCVN3, VNI) so the user can be told
// to convert; anything else is 'invalid_encoding'. We never guess a code page and convert: a wrong
// guess would silently corrupt agency names and dates.
//
// Text: NFC, CRLF/CR to LF, trailing spaces trimmed, blank lines dropped (one paragraph per line).
// Lines are not reflowed. Markdown loses the markup a plan parser would trip over (see
// markdownToBlocks) and its tables become SourceTables.

import { SourceDocumentBuilder } from './document-builder.js';
import { detectLegacyEncoding, legacyEncodingMessage } from './legacy-encoding.js';
import { type SourceDocument, UnreadableDocumentError } from './source-document.js';

function fail(code: 'legacy_encoding' | 'invalid_encoding', message: string): never {
  throw new UnreadableDocumentError(code, message);
}

/**
 * C0 controls other than tab, LF, VT, FF and CR, and DEL. ^Z (0x1A), the end-of-file mark of old
 * DOS files, is dropped without counting against the file.
 */
function isControl(code: number): boolean {
  return code <= 0x08 || (code >= 0x0e && code <= 0x1f && code !== 0x1a) || code === 0x7f;
}

function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) n++;
  return n;
}

/** Decodes the bytes of a text file to a string, or throws 'legacy_encoding' / 'invalid_encoding'. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  const b0 = bytes[0];
  const b1 = bytes[1];
  try {
    if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
    } else if (b0 === 0xff && b1 === 0xfe) {
      text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(
        bytes.subarray(2),
      );
    } else if (b0 === 0xfe && b1 === 0xff) {
      text = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }).decode(
        bytes.subarray(2),
      );
    } else {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
  } catch {
    return undecodable(bytes);
  }
  checkNotBinary(text);
  const legacy = detectLegacyEncoding(text);
  if (legacy) fail('legacy_encoding', legacyEncodingMessage(legacy));
  return text;
}

function checkNotBinary(text: string): void {
  if (text.includes('\u0000') || countControls(text) > text.length / 200) {
    fail(
      'invalid_encoding',
      'The file does not look like text: it contains binary data. Upload the document as .txt (Unicode/UTF-8), .md, .docx or .pdf.',
    );
  }
}

/** Bytes that are not valid UTF-8 (or UTF-16 with its BOM): a legacy Vietnamese code page, or not text. */
function undecodable(bytes: Uint8Array): never {
  // Mostly valid UTF-8 with a few bad bytes is a damaged Unicode file, not a legacy one (read as
  // Latin-1, UTF-8's "á»" would look like TCVN3).
  const lenient = new TextDecoder('utf-8').decode(bytes);
  let bad = 0;
  let goodNonAscii = 0;
  for (let i = 0; i < lenient.length; i++) {
    const code = lenient.charCodeAt(i);
    if (code === 0xfffd) bad++;
    else if (code > 0x7f) goodNonAscii++;
  }
  if (goodNonAscii > bad) {
    const at = firstInvalidUtf8(bytes);
    fail(
      'invalid_encoding',
      `The file is UTF-8 text with invalid bytes in it (the first at byte ${at}): it is damaged. Save it again as "Unicode (UTF-8)" text and upload it again.`,
    );
  }
  // Latin-1 maps each byte to the code point of the same value, which is how legacy-encoded text
  // looks in a Unicode font; the detector works on that.
  const asLatin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const controls = countControls(asLatin1);
  const nonSpace = asLatin1.replace(/\s/g, '').length;
  const asciiLetters = asLatin1.match(/[A-Za-z]/g)?.length ?? 0;
  // Legacy Vietnamese text is mostly ASCII letters, with no control bytes.
  if (controls === 0 && asciiLetters >= nonSpace * 0.4) {
    const legacy = detectLegacyEncoding(asLatin1);
    if (legacy) fail('legacy_encoding', legacyEncodingMessage(legacy));
  }
  fail(
    'invalid_encoding',
    'The file is not valid Unicode text (UTF-8, or UTF-16 with a byte order mark). Save it as "Unicode (UTF-8)" text and upload it again.',
  );
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Sequence length, and the allowed range of the second byte (no overlongs, no surrogates,
    // nothing above U+10FFFF), as in the Unicode standard's table of well-formed sequences.
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return i;
}

/** Drops control characters; form feed and vertical tab (page and line breaks) become line breaks. */
function stripControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code === 0x0b || code === 0x0c) out += '\n';
    else if (!isControl(code) && code !== 0x1a) out += ch;
  }
  return out;
}

export function readText(bytes: Uint8Array): SourceDocument {
  const text = stripControls(decodeText(bytes));
  const builder = new SourceDocumentBuilder();
  builder.paragraph(text);
  return builder.build('txt');
}

export function readMarkdown(bytes: Uint8Array): SourceDocument {
  const text = stripControls(decodeText(bytes));
  const builder = new SourceDocumentBuilder();
  for (const block of markdownToBlocks(text)) {
    if (block.kind === 'table') builder.table(block.rows);
    else builder.paragraph(block.text);
  }
  return builder.build('md');
}

// ---------------------------------------------------------------------------------------------
// Markdown. Not a full CommonMark parser: plans written in Markdown are paragraphs, headings, lists
// and pipe tables, and the parser needs their text without markup.

export type MarkdownBlock = { kind: 'line'; text: string } | { kind: 'table'; rows: string[][] };

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)\s*$/;

/**
 * Lines of Markdown as plain lines and pipe tables:
 * - "# Heading" and setext underlines lose their marks; "> " quotes lose the ">".
 * - "**bold**", "__bold__", "*em*", "_em_", "~~del~~" and `code` lose their marks; links keep
 *   their text, images go; backslash escapes are undone.
 * - List items keep "- " (a "* " item becomes "- "); "+ " and numbers stay: plans use them.
 * - Footnotes "[^1]" become "[1]", and a definition "[^1]: text" becomes "[1] text", the way
 *   footnotes look in the other formats.
 * - Horizontal rules and code fences go (the code's lines stay as they are).
 * - A line with pipes followed by a delimiter row ("| --- | --- |") starts a table, which goes on
 *   while lines contain a pipe.
 */
export function markdownToBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split(/\r\n|\r|\n/);
  const blocks: MarkdownBlock[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      blocks.push({ kind: 'line', text: line });
      continue;
    }
    const next = lines[i + 1];
    if (line.includes('|') && next?.includes('|') && DELIMITER_ROW.test(next)) {
      const rows = [splitRow(line)];
      i += 2;
      while (i < lines.length && (lines[i] as string).includes('|')) {
        rows.push(splitRow(lines[i] as string));
        i++;
      }
      i--;
      blocks.push({ kind: 'table', rows });
      continue;
    }
    const previous = lines[i - 1];
    if (SETEXT_UNDERLINE.test(line) && previous !== undefined && previous.trim() !== '') continue;
    if (RULE.test(line)) continue;
    blocks.push({ kind: 'line', text: markdownLine(line) });
  }
  return blocks;
}

function markdownLine(line: string): string {
  let s = line;
  s = s.replace(/^(\s{0,3}>\s?)+/, ''); // block quotes
  s = s.replace(/^\s{0,3}#{1,6}(\s+|$)/, '').replace(/\s+#+\s*$/, ''); // ATX headings
  s = s.replace(/^(\s*)\*\s+/, '$1- '); // "* item"
  s = s.replace(/^\[\^([^\]\s]+)\]:\s*/, '[$1] '); // footnote definition
  return markdownInline(s);
}

function markdownInline(text: string): string {
  let s = text;
  s = s.replace(/`([^`]*)`/g, '$1');
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, ''); // images
  s = s.replace(/\[\^([^\]\s]+)\]/g, '[$1]'); // footnote references
  s = s.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1'); // links
  s = s.replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
  s = s.replace(/\*\*(?=\S)(.+?)\*\*/g, '$1').replace(/__(?=\S)(.+?)__/g, '$1');
  s = s.replace(/~~(?=\S)(.+?)~~/g, '$1');
  s = s.replace(/(^|[^\p{L}\p{N}*\\])\*(?=\S)([^*]*?\S)\*(?![\p{L}\p{N}*])/gu, '$1$2');
  s = s.replace(/(^|[^\p{L}\p{N}_\\])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1$2');
  s = s.replace(/\\([!-/:-@[-`{-~])/g, '$1'); // backslash escapes of ASCII punctuation
  return s;
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\' && s[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells.map((c) => markdownInline(c.trim()));
}
