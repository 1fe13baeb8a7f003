// "Who is responsible today for what this agency was given?" (DOMAIN.md §7).
// A merge passes everything to one successor; a split or an abolition leaves candidates among which
// a person must choose for each task. Successions chain (an agency merged into one later split).

export type SuccessionKind = 'merge' | 'split' | 'abolish';

export type Succession = {
  predecessorId: string;
  kind: SuccessionKind;
  /** ISO date from which the successors are responsible. */
  effectiveOn: string;
  successorIds: readonly string[];
  note?: string | null;
};

export type Responsibility =
  /** Still in force on that date. */
  | { kind: 'self'; agencyId: string }
  /** Merged (possibly through several merges) into exactly one agency. */
  | { kind: 'successor'; agencyId: string; via: readonly Succession[] }
  /** Split or abolished: a person chooses among the candidates. */
  | { kind: 'choose'; candidateIds: readonly string[]; via: readonly Succession[] }
  /** Abolished with nobody named to take over. */
  | { kind: 'none'; via: readonly Succession[] };

export type SuccessionIndex = ReadonlyMap<string, Succession>;

export function indexSuccessions(successions: readonly Succession[]): SuccessionIndex {
  const index = new Map<string, Succession>();
  for (const s of successions) {
    const existing = index.get(s.predecessorId);
    // An agency ends once; keep the earliest if data holds more than one.
    if (!existing || s.effectiveOn < existing.effectiveOn) index.set(s.predecessorId, s);
  }
  return index;
}

/** The agencies an agency's work has reached by `onDate`, following merges, splits and abolitions. */
export function responsibleOn(
  agencyId: string,
  onDate: string,
  successions: SuccessionIndex,
): Responsibility {
  const via: Succession[] = [];
  const leaves = new Set<string>();
  let chose = false;

  const walk = (id: string, seen: ReadonlySet<string>): void => {
    const succession = successions.get(id);
    if (!succession || succession.effectiveOn > onDate || seen.has(id)) {
      leaves.add(id);
      return;
    }
    if (!via.includes(succession)) via.push(succession);
    if (succession.kind !== 'merge') chose = true;
    const next = new Set(seen).add(id);
    for (const successorId of succession.successorIds) walk(successorId, next);
  };
  walk(agencyId, new Set());

  if (via.length === 0) return { kind: 'self', agencyId };
  const ids = [...leaves];
  if (ids.length === 0) return { kind: 'none', via };
  if (!chose && ids.length === 1) return { kind: 'successor', agencyId: ids[0] as string, via };
  return { kind: 'choose', candidateIds: ids, via };
}
