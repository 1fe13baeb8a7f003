// API contract of the search box, shared by server (validation, OpenAPI) and web client (types).
import { z } from 'zod';

/** What a query may be: a few words, not a document. */
export const SEARCH_QUERY_MAX = 200;

export const SEARCH_KINDS = ['plan', 'task', 'target', 'project', 'agency', 'document'] as const;
export const searchKindSchema = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof searchKindSchema>;

export const searchQuerySchema = z.object({
  /** Words, without diacritics if wished; abbreviations (UBND, KH&ĐT, QL …) find their long form. */
  q: z.string().trim().min(1).max(SEARCH_QUERY_MAX),
  /** Results shown per kind (the total per kind is counted whatever the limit). */
  limit: z.coerce.number().int().min(1).max(50).default(5),
});
export type SearchQueryInput = z.infer<typeof searchQuerySchema>;

export const searchHitSchema = z.object({
  id: z.uuid(),
  /** Plan, task, document: its title; target: the indicator; project, agency: the name. */
  title: z.string(),
  /**
   * plan, document: its number (canonical, else as written); task: its number in the plan's appendix; agency: its
   * short name; null when there is none.
   */
  code: z.string().nullable(),
  /** document: its type (KH, QĐ, NQ …); null for other kinds. */
  docType: z.string().nullable(),
  /**
   * The plan whose page opens the result: the task's, target's or project's plan; the plan a
   * document is, or the nearest plan that implements or cites it (null when none shows).
   */
  planId: z.uuid().nullable(),
  /** That plan's number as written (null when it has none). */
  planNumber: z.string().nullable(),
  /** agency: it no longer exists (a former agency, found by its old name too). */
  ended: z.boolean(),
  /** phrase: the query occurs as typed (or with its abbreviations swapped); words: every word. */
  match: z.enum(['phrase', 'words']),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchGroupSchema = z.object({
  kind: searchKindSchema,
  /** Everything that matches of this kind; `items` are the first `limit` by rank. */
  total: z.number().int(),
  items: z.array(searchHitSchema),
});
export type SearchGroup = z.infer<typeof searchGroupSchema>;

export const searchResultSchema = z.object({
  q: z.string(),
  /** One group per kind, in SEARCH_KINDS order, empty ones included. */
  groups: z.array(searchGroupSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
