// Text folded inside a query the way domain/vietnamese-text.ts#foldForSearch folds it in code
// (lower case, no diacritics, đ → d), for searching columns that have no folded copy.
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export const foldedSql = (text: SQL | AnyPgColumn): SQL =>
  sql`lower(unaccent(replace(replace(${text}, 'đ', 'd'), 'Đ', 'D')))`;
