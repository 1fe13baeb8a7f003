// Word's automatic numbering, read from the .docx itself: mammoth turns a numbered paragraph into
// an <li> but drops the level's number format, so an outline numbered "I.", "1.", "2.1.", "a)" by
// Word would come out "1.", "2.". Here we read word/numbering.xml and word/document.xml and work
// out, for every numbered body paragraph outside tables, the label Word displays.
//
// Counting follows Word: each w:num (numId) counts on its own, from the level's w:start (or the
// num's w:lvlOverride/w:startOverride); an item resets the counters of the levels below it (unless
// their w:lvlRestart says otherwise); "%1.%2." shows the counters of levels 1 and 2, each in its
// own level's format (decimal when w:isLgl). Bullet levels give "-". Paragraphs inside tables are
// counted but not returned (the reader does not label list items in tables).
//
// The result is matched to mammoth's <li> items by text (see `numberingKey`), so a paragraph this
// reader does not see the way mammoth does falls back to mammoth's generic numbering.

import { decodeEntities } from './entities.js';

/** A numbered body paragraph: its label as Word shows it ("I.", "2.1.", "a)", "-") and its text key. */
export type NumberedParagraph = { key: string; label: string | null };

type Level = {
  format: string;
  text: string;
  start: number;
  restart: number | null;
  legal: boolean;
};

type Num = { abstractId: string; levels: Map<number, Level>; starts: Map<number, number> };

/** The comparison key of a paragraph's text: NFC, note references and whitespace removed. */
export function numberingKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\[\d+\]/g, '')
    .replace(/\s+/g, '');
}

/**
 * The numbered body paragraphs of a .docx, in document order, or null when the file has no
 * numbering part or anything goes wrong (the caller then keeps mammoth's numbering).
 */
export async function readDocxNumbering(bytes: Uint8Array): Promise<NumberedParagraph[] | null> {
  try {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const numberingXml = await zip.file('word/numbering.xml')?.async('string');
    const documentXml = await zip.file('word/document.xml')?.async('string');
    if (numberingXml === undefined || documentXml === undefined) return null;
    return numberedParagraphs(documentXml, numberingXml);
  } catch {
    return null;
  }
}

/** The numbered body paragraphs outside tables of document.xml, given numbering.xml. */
export function numberedParagraphs(documentXml: string, numberingXml: string): NumberedParagraph[] {
  return numberParagraphs(documentXml, readNumbering(numberingXml));
}

// ---------------------------------------------------------------------------------------------
// A minimal XML tokenizer: Word's parts are regular, machine-written XML.

type XmlToken =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const XML_TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!(?:[^>])*>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const XML_ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function* tokenizeXml(xml: string): Generator<XmlToken> {
  for (const m of xml.matchAll(XML_TOKEN)) {
    if (m[1] !== undefined) yield { type: 'text', text: m[1] };
    else if (m[6] !== undefined) yield { type: 'text', text: decodeEntities(m[6]) };
    else if (m[3] === undefined)
      continue; // declaration, comment, doctype
    else if (m[2]) yield { type: 'close', name: m[3] };
    else {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(XML_ATTR)) {
        attrs[a[1] as string] = decodeEntities(a[2] ?? a[3] ?? '');
      }
      yield { type: 'open', name: m[3], attrs, selfClosing: m[5] === '/' };
    }
  }
}

function intOf(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return null;
  return Number(value);
}

const isOn = (attrs: Record<string, string>) =>
  !['0', 'false', 'off'].includes(attrs['w:val'] ?? 'true');

// ---------------------------------------------------------------------------------------------
// numbering.xml

type Numbering = {
  nums: Map<string, Num>;
  /** Levels linked to a paragraph style (w:lvl/w:pStyle), as mammoth also honours. */
  styleLevels: Map<string, { numId: string; ilvl: number }>;
};

function readNumbering(xml: string): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const styleLinks = new Map<string, { abstractId: string; ilvl: number }>();
  const nums = new Map<string, Num>();
  let abstract: Map<number, Level> | null = null;
  let abstractId = '';
  let num: Num | null = null;
  let override: number | null = null; // the w:ilvl of the w:lvlOverride being read
  let level: { ilvl: number; level: Level; inOverride: boolean } | null = null;

  for (const t of tokenizeXml(xml)) {
    if (t.type === 'text') continue;
    if (t.type === 'close') {
      if (t.name === 'w:abstractNum') abstract = null;
      else if (t.name === 'w:num') num = null;
      else if (t.name === 'w:lvlOverride') override = null;
      else if (t.name === 'w:lvl' && level) {
        if (level.inOverride) num?.levels.set(level.ilvl, level.level);
        else abstract?.set(level.ilvl, level.level);
        level = null;
      }
      continue;
    }
    const { name, attrs } = t;
    const val = attrs['w:val'];
    if (name === 'w:abstractNum') {
      abstractId = attrs['w:abstractNumId'] ?? '';
      abstract = new Map();
      abstracts.set(abstractId, abstract);
    } else if (name === 'w:num' && !t.selfClosing) {
      num = { abstractId: '', levels: new Map(), starts: new Map() };
      nums.set(attrs['w:numId'] ?? '', num);
    } else if (name === 'w:abstractNumId' && num) {
      num.abstractId = val ?? '';
    } else if (name === 'w:lvlOverride' && num && !t.selfClosing) {
      override = intOf(attrs['w:ilvl']) ?? 0;
    } else if (name === 'w:startOverride' && num && override !== null) {
      const start = intOf(val);
      if (start !== null) num.starts.set(override, start);
    } else if (name === 'w:lvl' && !t.selfClosing && (abstract || (num && override !== null))) {
      const ilvl = intOf(attrs['w:ilvl']) ?? override ?? 0;
      level = {
        ilvl,
        inOverride: num !== null,
        level: { format: 'decimal', text: '', start: 0, restart: null, legal: false },
      };
    } else if (level) {
      if (name === 'w:numFmt') level.level.format = val ?? 'decimal';
      else if (name === 'w:lvlText') level.level.text = val ?? '';
      else if (name === 'w:start') level.level.start = intOf(val) ?? 0;
      else if (name === 'w:lvlRestart') level.level.restart = intOf(val);
      else if (name === 'w:isLgl') level.level.legal = isOn(attrs);
      else if (name === 'w:pStyle' && val && !level.inOverride) {
        styleLinks.set(val, { abstractId, ilvl: level.ilvl });
      }
    }
  }

  // Resolve each num's levels: the abstract's, replaced by the num's own w:lvl overrides.
  for (const n of nums.values()) {
    const base = abstracts.get(n.abstractId) ?? new Map<number, Level>();
    n.levels = new Map([...base, ...n.levels]);
  }
  const styleLevels = new Map<string, { numId: string; ilvl: number }>();
  for (const [styleId, link] of styleLinks) {
    for (const [numId, n] of nums) {
      if (n.abstractId === link.abstractId) {
        styleLevels.set(styleId, { numId, ilvl: link.ilvl });
        break;
      }
    }
  }
  return { nums, styleLevels };
}

// ---------------------------------------------------------------------------------------------
// document.xml

function numberParagraphs(xml: string, numbering: Numbering): NumberedParagraph[] {
  const out: NumberedParagraph[] = [];
  const counters = new Map<string, (number | undefined)[]>(); // numId → counter per level (undefined: unused)
  let tableDepth = 0;
  let skipDepth = 0; // inside mc:Choice (mammoth reads mc:Fallback) or a text box
  // The paragraph being read (paragraphs in text boxes are nested and skipped).
  let para: {
    inTable: boolean;
    text: string;
    numId?: string;
    ilvl?: number;
    styleId?: string;
  } | null = null;
  let inNumPr = false;
  let inText = false;

  const finish = () => {
    if (!para) return;
    const p = para;
    para = null;
    let numId = p.numId;
    let ilvl = p.ilvl;
    if (numId === undefined && p.styleId !== undefined) {
      const linked = numbering.styleLevels.get(p.styleId);
      if (linked) ({ numId, ilvl } = linked);
    }
    if (numId === undefined || numId === '0') return;
    const num = numbering.nums.get(numId);
    const level = num?.levels.get(ilvl ?? 0);
    if (!num || !level) return; // mammoth does not list it either
    const label = count(numId, num, ilvl ?? 0, counters);
    if (!p.inTable) out.push({ key: numberingKey(p.text), label });
  };

  for (const t of tokenizeXml(xml)) {
    if (t.type === 'text') {
      if (para && inText && skipDepth === 0) para.text += t.text;
      continue;
    }
    const { name } = t;
    if (t.type === 'close') {
      if (skipDepth > 0) {
        if (name === 'mc:Choice' || name === 'w:txbxContent') skipDepth--;
        continue;
      }
      if (name === 'w:tbl') tableDepth--;
      else if (name === 'w:p') finish();
      else if (name === 'w:numPr') inNumPr = false;
      else if (name === 'w:t') inText = false;
      continue;
    }
    if (skipDepth > 0) {
      if ((name === 'mc:Choice' || name === 'w:txbxContent') && !t.selfClosing) skipDepth++;
      continue;
    }
    if ((name === 'mc:Choice' || name === 'w:txbxContent') && !t.selfClosing) {
      skipDepth = 1;
      continue;
    }
    if (name === 'w:tbl' && !t.selfClosing) tableDepth++;
    else if (name === 'w:p') {
      finish();
      para = t.selfClosing ? null : { inTable: tableDepth > 0, text: '' };
    } else if (!para) continue;
    else if (name === 'w:numPr' && !t.selfClosing) inNumPr = true;
    else if (name === 'w:numId' && inNumPr) para.numId = t.attrs['w:val'] ?? '';
    else if (name === 'w:ilvl' && inNumPr) para.ilvl = intOf(t.attrs['w:val']) ?? 0;
    else if (name === 'w:pStyle' && para.styleId === undefined)
      para.styleId = t.attrs['w:val'] ?? '';
    else if (name === 'w:t' && !t.selfClosing) inText = true;
    else if (name === 'w:tab' || name === 'w:br' || name === 'w:cr') para.text += ' ';
  }
  finish();
  return out;
}

/** Advances the counters for an item at `ilvl` of `numId` and returns the item's label. */
function count(
  numId: string,
  num: Num,
  ilvl: number,
  counters: Map<string, (number | undefined)[]>,
): string | null {
  let values = counters.get(numId);
  if (!values) {
    values = [];
    counters.set(numId, values);
  }
  const startOf = (l: number) => num.starts.get(l) ?? num.levels.get(l)?.start ?? 0;
  const current = values[ilvl];
  values[ilvl] = current === undefined ? startOf(ilvl) : current + 1;
  // Lower levels restart after this one, unless their w:lvlRestart names a higher level (or 0).
  for (let l = ilvl + 1; l < 9; l++) {
    const restart = num.levels.get(l)?.restart;
    if (restart === null || restart === undefined || (restart !== 0 && restart - 1 >= ilvl)) {
      values[l] = undefined;
    }
  }
  const level = num.levels.get(ilvl);
  if (!level) return null;
  if (level.format === 'bullet') return '-';
  const legal = level.legal;
  let unknown = false;
  const label = level.text.replace(/%([1-9])/g, (_m, digit: string) => {
    const l = Number(digit) - 1;
    const value = values[l] ?? startOf(l);
    const format = legal && l < ilvl ? 'decimal' : (num.levels.get(l)?.format ?? 'decimal');
    const shown = formatNumber(value, format);
    if (shown === null) unknown = true;
    return shown ?? '';
  });
  if (unknown) return null;
  return label.replace(/\s+/g, ' ').trim();
}

function formatNumber(n: number, format: string): string | null {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n)?.toLowerCase() ?? null;
    case 'upperLetter':
      return letter(n);
    case 'lowerLetter':
      return letter(n)?.toLowerCase() ?? null;
    case 'none':
      return '';
    default:
      return null;
  }
}

function roman(n: number): string | null {
  if (n < 1 || n > 3999) return null;
  const digits: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, symbol] of digits) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** Word's letters: a … z, then aa … zz, aaa … (the letter repeated). */
function letter(n: number): string | null {
  if (n < 1) return null;
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
