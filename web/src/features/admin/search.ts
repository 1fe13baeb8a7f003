// Filtering the options of a picker as Vietnamese users type: without diacritics ("loc binh"
// finds "Lộc Bình"), every word of the query somewhere in the label.
import { foldForSearch, searchTerms } from '@domain/vietnamese-text';

export function matchesQuery(text: string, query: string): boolean {
  const folded = foldForSearch(text);
  return searchTerms(query).every((t) => folded.includes(t));
}

/** `filterOption` of an Ant Design Select whose options have a string label. */
export function filterByLabel(input: string, option?: { label?: unknown }): boolean {
  return matchesQuery(String(option?.label ?? ''), input);
}
