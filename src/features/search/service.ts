// The search box in SQL: one statement, one branch per kind, each a LIKE on a folded, trigram-
// indexed column (pg_trgm's GIN indexes answer LIKE '%…%'), ranked and cut to a page per kind with
// the total of the kind beside it. Nothing is filtered or ranked in JavaScript.
//
// Where each kind is searched:
//   plans      legal_documents.search_text of the plan's document (number, issuer, title)
//   tasks      tasks.search_text (title and body; tasks_search_trgm_idx)
//   targets    tiendo_fold(targets.indicator) (targets_indicator_trgm_idx, migration 0022)
//   projects   tiendo_fold(projects.name) (projects_name_trgm_idx, migration 0022)
//   agencies   agencies.search_text (name, short name, every other name, former ones included;
//              agencies_search_trgm_idx)
//   documents  legal_documents.search_text (a tenant's documents: hundreds, no trigram index yet)
//
// Rank: the exact phrase (as typed, or with an abbreviation swapped for its long form) first,
// then rows with every word; within each, pg_trgm's word_similarity to the typed query.
// Visibility: always the caller's tenant; plans still being stored (plans.storing_since) and
// everything in them are left out, as every list leaves them out.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  documentReferences,
  legalDocuments,
  plans,
  projects,
  targets,
  tasks,
} from '../../db/schema.js';
import {
  containsPattern,
  hasTrigram,
  isAbbreviationForm,
  type SearchQuery,
  wordStartPattern,
} from '../../domain/search-query.js';
import type { SearchKind } from './schema.js';

export type SearchRow = {
  kind: SearchKind;
  id: string;
  title: string;
  code: string | null;
  docType: string | null;
  planId: string | null;
  planNumber: string | null;
  ended: boolean;
  rank: number;
  similarity: number;
  total: number;
};

/** `text LIKE pattern ESCAPE '\'`: the pattern's % and _ typed by the person are escaped. */
const contains = (text: SQL, form: string) =>
  sql`${text} like ${containsPattern(form)} escape '\\'`;

/**
 * Every term occurs, each in any of its forms. A term with a form of fewer than three letters in
 * a row ("ql", "%") gives pg_trgm no trigram to look up: as an index condition it would make the
 * planner read the whole index, so it is checked on the rows the other terms found (the text as an
 * expression the index does not cover). A query of such terms only reads the tenant's rows.
 */
const allTerms = (text: SQL, query: SearchQuery) =>
  sql.join(
    query.terms.map((forms) => {
      const on = forms.every(hasTrigram) ? text : sql`(${text} || '')`;
      return sql`(${sql.join(
        forms.map((f) =>
          // A short abbreviation (ql, dt) inside a longer word (BQL) is not that abbreviation.
          !hasTrigram(f) && isAbbreviationForm(f)
            ? sql`${on} ~ ${wordStartPattern(f)}`
            : contains(on, f),
        ),
        sql` or `,
      )})`;
    }),
    sql` and `,
  );

/** 0: the exact phrase occurs; 1: every word does (the WHERE holds that). */
const rankOf = (text: SQL, query: SearchQuery) =>
  sql`(case when ${sql.join(
    query.phrases.map((p) => contains(text, p)),
    sql` or `,
  )} then 0 else 1 end)`;

const similarityOf = (text: SQL, query: SearchQuery) =>
  sql`word_similarity(${query.folded}, ${text})`;

/** The columns every branch gives, in this order (UNION ALL). */
type Branch = {
  kind: SearchKind;
  /** The folded, indexed text searched. */
  text: SQL;
  id: SQL;
  title: SQL;
  code: SQL;
  docType: SQL;
  planId: SQL;
  planNumber: SQL;
  ended: SQL;
  /** Tie-break after rank and similarity. */
  order: SQL;
  from: SQL;
  where: SQL;
};

function branchSql(b: Branch, query: SearchQuery, limit: number): SQL {
  return sql`(select ${b.kind}::text as kind, ${b.id} as id, ${b.title} as title, ${b.code} as code,
    ${b.docType} as doc_type, ${b.planId} as plan_id, ${b.planNumber} as plan_number,
    ${b.ended} as ended, ${rankOf(b.text, query)} as rank,
    ${similarityOf(b.text, query)} as similarity, (count(*) over ())::integer as total
    from ${b.from}
    where ${b.where} and ${allTerms(b.text, query)}
    order by rank, similarity desc, ${b.order}
    limit ${limit})`;
}

/** The plan of a task, target or project shows (it is not being stored). */
const shownPlan = (tenantId: string, planId: SQL) =>
  sql`${plans.id} = ${planId} and ${plans.tenantId} = ${tenantId} and ${plans.storingSince} is null`;

function branches(tenantId: string, today: string): Branch[] {
  const nullText = sql`null::text`;
  const no = sql`false`;
  const itemOfPlan = (
    kind: SearchKind,
    table: typeof tasks | typeof targets | typeof projects,
    text: SQL,
    title: SQL,
    code: SQL,
  ): Branch => ({
    kind,
    text,
    id: sql`${table.id}`,
    title,
    code,
    docType: nullText,
    planId: sql`${table.planId}`,
    planNumber: sql`coalesce(${legalDocuments.numberCanonical}, ${legalDocuments.numberAsWritten})`,
    ended: no,
    order: sql`${title}, ${table.id}`,
    from: sql`${table} join ${plans} on ${shownPlan(tenantId, sql`${table.planId}`)}
      join ${legalDocuments} on ${legalDocuments.id} = ${plans.documentId}`,
    where: sql`${table.tenantId} = ${tenantId}`,
  });
  return [
    {
      kind: 'plan',
      text: sql`${legalDocuments.searchText}`,
      id: sql`${plans.id}`,
      title: sql`coalesce(${legalDocuments.title}, '')`,
      code: sql`coalesce(${legalDocuments.numberCanonical}, ${legalDocuments.numberAsWritten})`,
      docType: nullText,
      planId: sql`${plans.id}`,
      planNumber: sql`coalesce(${legalDocuments.numberCanonical}, ${legalDocuments.numberAsWritten})`,
      ended: no,
      order: sql`${legalDocuments.issuedOn} desc nulls last, ${plans.id}`,
      from: sql`${plans} join ${legalDocuments} on ${legalDocuments.id} = ${plans.documentId}`,
      where: sql`${plans.tenantId} = ${tenantId} and ${plans.storingSince} is null`,
    },
    itemOfPlan('task', tasks, sql`${tasks.searchText}`, sql`${tasks.title}`, sql`${tasks.code}`),
    itemOfPlan(
      'target',
      targets,
      sql`tiendo_fold(${targets.indicator})`,
      sql`${targets.indicator}`,
      nullText,
    ),
    itemOfPlan(
      'project',
      projects,
      sql`tiendo_fold(${projects.name})`,
      sql`${projects.name}`,
      nullText,
    ),
    {
      kind: 'agency',
      text: sql`${agencies.searchText}`,
      id: sql`${agencies.id}`,
      title: sql`${agencies.name}`,
      code: sql`${agencies.shortName}`,
      docType: nullText,
      planId: sql`null::uuid`,
      planNumber: nullText,
      ended: sql`coalesce(${agencies.inForceTo} <= ${today}::date, false)`,
      // In force before former agencies, then by name.
      order: sql`ended, ${agencies.name}, ${agencies.id}`,
      from: sql`${agencies}`,
      where: sql`${agencies.tenantId} = ${tenantId}`,
    },
    {
      kind: 'document',
      text: sql`${legalDocuments.searchText}`,
      id: sql`${legalDocuments.id}`,
      title: sql`coalesce(${legalDocuments.title}, '')`,
      code: sql`coalesce(${legalDocuments.numberCanonical}, ${legalDocuments.numberAsWritten})`,
      docType: sql`${legalDocuments.docType}`,
      // Filled for the page's rows only (documentPlans below).
      planId: sql`null::uuid`,
      planNumber: nullText,
      ended: no,
      order: sql`${legalDocuments.issuedOn} desc nulls last, ${legalDocuments.id}`,
      from: sql`${legalDocuments}`,
      // Not the document of a plan still being stored (plans.document_id is unique: one probe).
      where: sql`${legalDocuments.tenantId} = ${tenantId} and not exists (select 1 from ${plans} where ${plans.documentId} = ${legalDocuments.id} and ${plans.storingSince} is not null)`,
    },
  ];
}

/**
 * The plan page a document opens: the plan it is, else the nearest shown plan that implements or
 * cites it, directly or through other documents (a plan → 693/QĐ-TTg → 72-KL/TW). Read for the
 * page's documents only.
 */
function documentPlans(tenantId: string, page: SQL): SQL {
  return sql`select page.kind, page.id, page.title, page.code, page.doc_type,
      found.plan_id, found.plan_number, page.ended, page.rank, page.similarity, page.total
    from (${page}) page
    left join lateral (
      with recursive up(document_id, depth) as (
        select page.id, 0
        union
        select ${documentReferences.fromId}, up.depth + 1
        from ${documentReferences} join up on ${documentReferences.toId} = up.document_id
        where up.depth < 5
      )
      select ${plans.id} as plan_id, coalesce(${legalDocuments.numberCanonical}, ${legalDocuments.numberAsWritten}) as plan_number
      from up join ${plans} on ${plans.documentId} = up.document_id
        and ${plans.tenantId} = ${tenantId} and ${plans.storingSince} is null
        join ${legalDocuments} on ${legalDocuments.id} = ${plans.documentId}
      order by up.depth, ${plans.createdAt}
      limit 1
    ) found on true`;
}

/** The statement: one branch per kind, each a page by rank with the kind's total. */
export function searchStatement(
  tenantId: string,
  query: SearchQuery,
  limit: number,
  today: string,
): SQL {
  const parts = branches(tenantId, today).map((b) => {
    const page = branchSql(b, query, limit);
    return b.kind === 'document' ? sql`(${documentPlans(tenantId, page)})` : page;
  });
  return sql.join(parts, sql` union all `);
}

/** The first `limit` of each kind by rank, and each kind's total. */
export async function search(
  db: Db,
  tenantId: string,
  query: SearchQuery,
  limit: number,
  today: string,
): Promise<SearchRow[]> {
  if (query.terms.length === 0) return [];
  const result = (await db.execute(searchStatement(tenantId, query, limit, today))) as unknown as {
    rows: {
      kind: SearchKind;
      id: string;
      title: string;
      code: string | null;
      doc_type: string | null;
      plan_id: string | null;
      plan_number: string | null;
      ended: boolean;
      rank: number;
      similarity: number;
      total: number;
    }[];
  };
  return result.rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    title: r.title,
    code: r.code,
    docType: r.doc_type,
    planId: r.plan_id,
    planNumber: r.plan_number,
    ended: r.ended,
    rank: Number(r.rank),
    similarity: Number(r.similarity),
    total: Number(r.total),
  }));
}
