// Agencies as plans write them, found in text and resolved against the province's registry as of a
// day: "Sở Kế hoạch và Đầu tư" → Sở Tài chính (merged 2025), "Sở Thông tin và Truyền thông" → a
// choice (split), "UBND cấp huyện" → the commune committees (district level abolished), groups
// ("Các sở, ban, ngành"), partners outside the province ("tỉnh Cao Bằng").
import { phrasePattern } from '../../lib/regexp.js';
import { indexSuccessions, responsibleOn, type Succession } from '../succession.js';
import { canonicalTones, nameKey } from '../vietnamese-text.js';
import type { Span } from './paragraphs.js';

export type DirectoryAgency = {
  code: string;
  name: string;
  shortName: string | null;
  aliases: readonly string[];
  kind: string;
  inForceFrom: string | null;
  inForceTo: string | null;
};

export type DirectorySuccession = {
  predecessorCode: string;
  kind: Succession['kind'];
  effectiveOn: string;
  successorCodes: readonly string[];
};

/** What the parser knows of the province: its registry, its name and its neighbours' names. */
export type AgencyDirectory = {
  agencies: readonly DirectoryAgency[];
  successions: readonly DirectorySuccession[];
  /** "Lạng Sơn" */
  provinceName: string;
  /** Names of every province as written in official lists ("Tỉnh Cao Bằng", "Thành phố Hà Nội"). */
  provinceNames: readonly string[];
};

export type GroupKind =
  | 'departments'
  | 'district_committees'
  | 'commune_committees'
  | 'project_owners'
  | 'related'
  | 'socio_political'
  | 'central_ministries'
  | 'assigned_agencies';

export type AgencyResolution =
  /** One agency carries it today; `named_code` is the agency the text names when it has ended. */
  | { kind: 'agency'; agency_code: string; named_code: string; succession: 'merge' | null }
  /** Split, abolished or ambiguous: a person chooses. */
  | {
      kind: 'choose';
      candidates: string[];
      named_codes: string[];
      reason: 'split' | 'abolished' | 'ambiguous';
    }
  /** Every member of a group (members as of today); for the former district committees, the communes. */
  | { kind: 'group'; group: GroupKind; members: string[] }
  | { kind: 'external' }
  | { kind: 'unknown' };

export type AgencyMention = Span & { as_written: string } & AgencyResolution;

type Entry =
  | { kind: 'registry'; codes: string[] }
  | { kind: 'group'; group: GroupKind }
  | { kind: 'external' };

const GROUP_PATTERNS: [GroupKind, string][] = [
  [
    'related',
    String.raw`(?:các\s+)?(?:sở,?\s+ban,?\s+ngành|sở,?\s+ngành|cơ\s+quan,?\s+đơn\s+vị|cơ\s+quan|đơn\s+vị)\s+(?:có\s+)?liên\s+quan`,
  ],
  ['departments', String.raw`(?:thủ\s+trưởng\s+)?các\s+sở,?\s+ban,?\s+ngành(?:\s+tỉnh)?`],
  [
    'district_committees',
    String.raw`(?:chủ\s+tịch\s+)?(?:UBND|ủy\s+ban\s+nhân\s+dân)\s+(?:cấp\s+huyện|các\s+huyện,?\s+thành\s+phố|các\s+huyện,?\s+thị\s+xã,?\s+thành\s+phố|các\s+huyện)`,
  ],
  [
    'commune_committees',
    String.raw`(?:chủ\s+tịch\s+)?(?:UBND|ủy\s+ban\s+nhân\s+dân)\s+(?:cấp\s+xã|các\s+xã,?\s+phường(?:,?\s+thị\s+trấn)?|các\s+xã|các\s+phường)`,
  ],
  ['project_owners', String.raw`(?:các\s+)?chủ\s+đầu\s+tư`],
  ['socio_political', String.raw`(?:các\s+)?tổ\s+chức\s+chính\s+trị\s*-\s*xã\s+hội`],
  ['central_ministries', String.raw`(?:các\s+)?bộ,?\s+ngành\s+trung\s+ương`],
  ['assigned_agencies', String.raw`các\s+cơ\s+quan\s+được\s+giao\s+[\p{L}\s]{1,30}?vốn`],
];

const EXTERNAL_PATTERNS = [String.raw`tập\s+đoàn\s+điện\s+lực(?:\s+việt\s+nam)?`];

export type MentionFinder = {
  find(text: string, offset?: number): AgencyMention[];
  directory: AgencyDirectory;
};

/** Builds the matcher once per directory: one regular expression over every name, longest first. */
export function mentionFinder(
  directory: AgencyDirectory,
  on: string,
  documentDate?: string | null,
): MentionFinder {
  const byKey = new Map<string, Entry>();
  const add = (written: string, entry: Entry) => {
    const key = nameKey(written);
    const existing = byKey.get(key);
    if (existing?.kind === 'registry' && entry.kind === 'registry') {
      for (const c of entry.codes) if (!existing.codes.includes(c)) existing.codes.push(c);
    } else if (!existing) {
      byKey.set(
        key,
        entry.kind === 'registry' ? { kind: 'registry', codes: [...entry.codes] } : entry,
      );
    }
  };
  const own = nameKey(directory.provinceName);
  for (const a of directory.agencies) {
    for (const written of [a.name, ...(a.shortName ? [a.shortName] : []), ...a.aliases]) {
      add(written, { kind: 'registry', codes: [a.code] });
      // "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" is written "… tỉnh Lạng Sơn" too.
      if (/\stỉnh$/u.test(written))
        add(`${written} ${directory.provinceName}`, { kind: 'registry', codes: [a.code] });
    }
  }
  const externals: string[] = [];
  for (const full of directory.provinceNames) {
    const name = full.replace(/^(Tỉnh|Thành phố)\s+/u, '');
    if (nameKey(name) === own) continue;
    const written = full.startsWith('Tỉnh') ? `tỉnh ${name}` : `thành phố ${name}`;
    add(written, { kind: 'external' });
    externals.push(written);
  }
  const literals = [...byKey.keys()].sort((a, b) => b.length - a.length).map(phrasePattern);
  const alternatives = [...GROUP_PATTERNS.map(([, p]) => p), ...EXTERNAL_PATTERNS, ...literals];
  const pattern = new RegExp(
    `(?<![\\p{L}\\d&])(?:${alternatives.join('|')})(?![\\p{L}\\d&])`,
    'giu',
  );
  const groupMatchers = GROUP_PATTERNS.map(
    ([g, p]) => [g, new RegExp(`^(?:${p})$`, 'iu')] as const,
  );
  const externalMatchers = EXTERNAL_PATTERNS.map((p) => new RegExp(`^(?:${p})$`, 'iu'));

  const index = indexSuccessions(
    directory.successions.map((s) => ({
      predecessorId: s.predecessorCode,
      kind: s.kind,
      effectiveOn: s.effectiveOn,
      successorIds: s.successorCodes,
    })),
  );
  const agencies = new Map(directory.agencies.map((a) => [a.code, a]));
  const inForce = (a: DirectoryAgency, day: string) =>
    (a.inForceFrom === null || a.inForceFrom <= day) && (a.inForceTo === null || a.inForceTo > day);
  const todayOf = (code: string) => responsibleOn(code, on, index);
  const groupMembers = (group: GroupKind): string[] => {
    const active = (kind: string) =>
      directory.agencies.filter((a) => a.kind === kind && inForce(a, on)).map((a) => a.code);
    switch (group) {
      case 'departments':
        return [...active('office'), ...active('department'), ...active('board')];
      case 'district_committees':
      case 'commune_committees':
        // The district level was abolished; what it was given falls to the commune committees.
        return directory.agencies.some((a) => a.kind === 'district' && inForce(a, on)) &&
          group === 'district_committees'
          ? directory.agencies
              .filter((a) => a.kind === 'district' && inForce(a, on))
              .map((a) => a.code)
          : active('commune');
      default:
        return [];
    }
  };

  const resolveRegistry = (codes: string[]): AgencyResolution => {
    // Several agencies share the name (Sở Tài chính before and after 2025): the document's date
    // picks one when it can; if all of them lead to the same agency today, there is no question.
    let named = codes;
    if (codes.length > 1 && documentDate) {
      const current = codes.filter((c) => {
        const a = agencies.get(c);
        return a ? inForce(a, documentDate) : false;
      });
      if (current.length === 1) named = current;
    }
    const results = named.map((c) => ({ code: c, r: todayOf(c) }));
    const targets = new Set<string>();
    let choose: 'split' | 'abolished' | null = null;
    for (const { code, r } of results) {
      if (r.kind === 'self' || r.kind === 'successor') targets.add(r.agencyId);
      else if (r.kind === 'choose') {
        for (const c of r.candidateIds) targets.add(c);
        const first = index.get(code);
        choose = first?.kind === 'split' ? 'split' : 'abolished';
      }
    }
    const [only] = [...targets];
    if (!choose && targets.size === 1 && only) {
      const first = results[0];
      return {
        kind: 'agency',
        agency_code: only,
        named_code: first?.code ?? only,
        succession: first && first.r.kind === 'successor' ? 'merge' : null,
      };
    }
    if (targets.size === 0) return { kind: 'unknown' };
    return {
      kind: 'choose',
      candidates: [...targets],
      named_codes: named,
      reason: choose ?? 'ambiguous',
    };
  };

  return {
    directory,
    find(rawText, offset = 0) {
      // Names are matched with one tone placement ("Hoà An" = "Hòa An"); offsets stay the same.
      const source = rawText.normalize('NFC');
      const text = canonicalTones(source);
      const out: AgencyMention[] = [];
      for (const m of text.matchAll(pattern)) {
        const written = m[0];
        const start = offset + (m.index ?? 0);
        const span = {
          start,
          end: start + written.length,
          // As the document wrote it, not as it was matched.
          as_written: source
            .slice(m.index ?? 0, (m.index ?? 0) + written.length)
            .replace(/\s+/g, ' '),
        };
        const group = groupMatchers.find(([, re]) => re.test(written));
        if (group) {
          out.push({ ...span, kind: 'group', group: group[0], members: groupMembers(group[0]) });
          continue;
        }
        if (externalMatchers.some((re) => re.test(written))) {
          out.push({ ...span, kind: 'external' });
          continue;
        }
        const entry = byKey.get(nameKey(written));
        if (!entry) continue;
        if (entry.kind === 'external') out.push({ ...span, kind: 'external' });
        else if (entry.kind === 'registry') out.push({ ...span, ...resolveRegistry(entry.codes) });
      }
      return out;
    },
  };
}

/** The agency today's resolution names, or null when a person must choose or it is a group. */
export function todaysAgency(m: AgencyResolution): string | null {
  return m.kind === 'agency' ? m.agency_code : null;
}
