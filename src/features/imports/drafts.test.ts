import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  CAST,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { auditRecords, importDrafts, plans } from '../../db/schema.js';
import type { PlanDetail } from '../plans/schema.js';
import { releaseStoringDrafts } from './drafts.js';
import type { ImportDraft, ImportDraftUpdate } from './schema.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url)));

describe.each(engines())('import drafts API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
  });

  // The consolidator writes drafts unless another caller (or null: anonymous) is named.
  const upload = (name: string, who: Auth | null = cast.consolidator) =>
    as(ctx.app, who, {
      method: 'POST',
      url: `/api/imports?fileName=${encodeURIComponent(name)}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: fixture(name),
    });
  const getDraft = (id: string, who: Auth | null = cast.consolidator) =>
    as(ctx.app, who, { method: 'GET', url: `/api/imports/${id}` });
  const save = (id: string, payload: ImportDraftUpdate, who: Auth | null = cast.consolidator) =>
    as(ctx.app, who, { method: 'PUT', url: `/api/imports/${id}`, payload });
  // These tests are about drafts: the gaps a confirmation acknowledges are review-gaps.test.ts's,
  // so each confirmation here acknowledges whatever gaps the draft has.
  const gapsOf = async (id: string) => {
    const res = await getDraft(id);
    return res.statusCode === 200 ? res.json<ImportDraft>().review.gaps.map((g) => g.key) : [];
  };
  const confirm = async (
    id: string,
    payload: { version: number; newVersion?: boolean },
    who: Auth | null = cast.consolidator,
  ) =>
    as(ctx.app, who, {
      method: 'POST',
      url: `/api/imports/${id}/confirm`,
      payload: { ...payload, acknowledgedGaps: await gapsOf(id) },
    });
  const draftAudit = (id: string) =>
    ctx.database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'import_draft'), eq(auditRecords.entityId, id)));
  const editable = (d: ImportDraft): ImportDraftUpdate => ({
    version: d.version,
    document: {
      number: d.extraction.document.number,
      issuer: d.extraction.document.issuer,
      place: d.extraction.document.place,
      date: d.extraction.document.date,
      title: d.extraction.document.title,
    },
    targets: d.extraction.targets,
    tasks: d.extraction.tasks,
    projects: d.extraction.projects,
  });

  it('uploads, corrects (audited), refuses a stale edit, and confirms into a plan', async () => {
    const created = await upload('ke-hoach-cao-bang.docx');
    expect(created.statusCode).toBe(201);
    const draft = created.json<ImportDraft>();
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      abilities: { update: true, confirm: true },
    });
    expect(draft.extraction.document.number).toBe('58/KH-UBND');
    for (const t of draft.extraction.tasks) {
      if (t.source) expect(t.source.end).toBeLessThanOrEqual(draft.sourceText.length);
    }

    // The review: a task is not a task, one lead is set by hand, a target value corrected, a task added.
    const edit = editable(draft);
    const removed = edit.tasks.splice(0, 1)[0];
    const unknownLead = edit.tasks.findIndex((t) => t.lead[0]?.kind === 'unknown');
    const fixed = edit.tasks[unknownLead];
    if (!fixed) throw new Error('fixture has a task led by an unknown agency');
    fixed.lead = [
      {
        kind: 'agency',
        as_written: 'Sở Xây dựng',
        agency_code: 'SXD',
        named_code: 'SXD',
        succession: null,
      },
    ];
    edit.targets[0] = { ...(edit.targets[0] as ImportDraftUpdate['targets'][number]), value: 30 };
    edit.tasks.push({
      title: 'Nhiệm vụ bổ sung khi rà soát',
      text: 'Nhiệm vụ bổ sung khi rà soát',
      section: null,
      lead: [
        {
          kind: 'agency',
          as_written: 'Sở Tài chính',
          agency_code: 'STC',
          named_code: 'STC',
          succession: null,
        },
      ],
      coordinators: [],
      coordination_note: null,
      deadline: { kind: 'year', year: 2027 },
      output: null,
      source: null,
    });
    const saved = await save(draft.id, edit);
    expect(saved.statusCode).toBe(200);
    const v2 = saved.json<ImportDraft>();
    expect(v2.version).toBe(2);
    expect(v2.extraction.tasks).toHaveLength(draft.extraction.tasks.length);
    expect(
      v2.extraction.tasks.some(
        (t) => t.title === removed?.title && t.source?.start === removed?.source?.start,
      ),
    ).toBe(false);

    const audit = await draftAudit(draft.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    // Recorded as the consolidator, acting for their agency.
    const stc = await agencyIdByCode(ctx.database.db, ctx.database.tenantId, 'STC');
    for (const a of audit) {
      expect(a).toMatchObject({
        actor: `user:${cast.consolidator.userId}`,
        actorAgencyId: stc,
        tenantId: ctx.database.tenantId,
      });
      expect(a.requestId).toBeTruthy();
    }
    expect(
      audit.some((a) => JSON.stringify(a.after).includes('Nhiệm vụ bổ sung khi rà soát')),
    ).toBe(true);

    const stale = await save(draft.id, edit);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');

    const confirmed = await confirm(draft.id, { version: 2 });
    expect(confirmed.statusCode).toBe(200);
    const { planId } = confirmed.json<{ planId: string }>();
    const planRes = await as(ctx.app, cast.consolidator, {
      method: 'GET',
      url: `/api/plans/${planId}`,
    });
    expect(planRes.statusCode).toBe(200);
    const plan = planRes.json<PlanDetail>();
    const flat = (n: PlanDetail['tree']): PlanDetail['tree'] =>
      n.flatMap((x) => [x, ...flat(x.children)]);
    const planTasks = flat(plan.tree).flatMap((n) => n.tasks);
    expect(
      planTasks.find((t) => t.title === 'Nhiệm vụ bổ sung khi rà soát')?.lead?.agency.code,
    ).toBe('STC');
    expect(
      flat(plan.tree)
        .flatMap((n) => n.targets)
        .some((t) => t.targetValue === 30),
    ).toBe(true);

    const after = (await getDraft(draft.id)).json<ImportDraft>();
    expect(after).toMatchObject({
      status: 'confirmed',
      planId,
      abilities: { update: false, confirm: false },
    });
    const again = await confirm(draft.id, { version: after.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('import_closed');

    // The same document uploaded again is recognised at once: no draft to review for nothing.
    const drafts = async () =>
      (
        await ctx.database.db
          .select({ n: count() })
          .from(importDrafts)
          .where(eq(importDrafts.tenantId, ctx.database.tenantId))
      )[0]?.n;
    const before = await drafts();
    const duplicate = await upload('ke-hoach-cao-bang.docx');
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('already_imported');
    expect(await drafts()).toBe(before);
  });

  it('answers a bad file with a machine-readable code and stores nothing', async () => {
    const scanned = await upload('ke-hoach-cao-bang-scanned.pdf');
    expect(scanned.statusCode).toBe(422);
    expect(scanned.json().error.code).toBe('scanned_pdf');
    const legacy = await upload('ke-hoach-cao-bang-tcvn3.txt');
    expect(legacy.json().error.code).toBe('legacy_encoding');
    const noName = await as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('x'),
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.issues[0].field).toBe('querystring.fileName');
  });

  it('lets only the consolidator write; every other role reads and gets 404 on writes', async () => {
    const created = await upload('ke-hoach-cao-bang.txt');
    expect(created.statusCode).toBe(201);
    const draft = created.json<ImportDraft>();
    const others = CAST.map((c) => c.username).filter((u) => u !== 'consolidator');
    // The brief's cases, named so that a change to the cast cannot drop them silently.
    expect(others).toEqual(expect.arrayContaining(['stc-officer', 'leader', 'viewer']));
    const missing = await save('00000000-0000-4000-8000-000000000000', editable(draft));
    expect(missing.statusCode).toBe(404);
    for (const who of others) {
      const read = await getDraft(draft.id, cast[who]);
      expect(read.statusCode, who).toBe(200);
      expect(read.json<ImportDraft>().abilities, who).toEqual({
        read: true,
        update: false,
        confirm: false,
      });
      const uploaded = await upload('ke-hoach-cao-bang.txt', cast[who]);
      expect(uploaded.statusCode, who).toBe(404);
      expect(uploaded.json().error.code, who).toBe('not_found');
      // A valid body: only the policy refuses it.
      const write = await save(draft.id, editable(draft), cast[who]);
      expect(write.statusCode, who).toBe(404);
      const confirmed = await confirm(draft.id, { version: 1 }, cast[who]);
      expect(confirmed.statusCode, who).toBe(404);
      // "Not allowed" reads exactly like a draft that does not exist.
      expect(write.json(), who).toEqual(missing.json());
    }
    // Nothing was written by anyone else: the draft is as uploaded, its only record the upload.
    const unchanged = (await getDraft(draft.id)).json<ImportDraft>();
    expect(unchanged).toMatchObject({
      status: 'draft',
      version: 1,
      planId: null,
      abilities: { read: true, update: true, confirm: true },
    });
    expect((await draftAudit(draft.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('answers 401 to anonymous callers on every import route', async () => {
    const draft = (await upload('ke-hoach-cao-bang.txt')).json<ImportDraft>();
    const calls = [
      await upload('ke-hoach-cao-bang.txt', null),
      await getDraft(draft.id, null),
      await save(draft.id, editable(draft), null),
      await confirm(draft.id, { version: 1 }, null),
    ];
    for (const res of calls) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    expect((await getDraft(draft.id)).json<ImportDraft>().version).toBe(1);
  });

  it('a document with the number of a stored plan shows the changes, and survives an incomplete edit', async () => {
    // ke-hoach-cao-bang.docx (58/KH-UBND) was confirmed above; the Markdown copy has the same number.
    const draft = (await upload('ke-hoach-cao-bang.md')).json<ImportDraft>();
    expect(draft.previous?.planId).toBeTruthy();
    // The stored version lost one task and had its target corrected during the first review.
    expect(draft.previous?.changes?.unchanged).toBe(false);
    expect(
      draft.previous?.changes?.tasks.changed.every((c) => !c.fields.includes('deadline')),
    ).toBe(true);
    const edit = editable(draft);
    edit.document.issuer = null;
    const saved = await save(draft.id, edit);
    expect(saved.statusCode).toBe(200);
    const read = await getDraft(draft.id);
    expect(read.statusCode).toBe(200);
    expect(read.json<ImportDraft>().previous).toMatchObject({
      planId: draft.previous?.planId,
      changes: null,
    });
    const refused = await confirm(draft.id, { version: 2 });
    expect(refused.json().error.code).toBe('missing_issuer');
  });

  it('gives a draft back when its plan cannot be stored, and reopens one a crash left storing', async () => {
    const { db } = ctx.database;
    const draft = (await upload('ke-hoach-693-lang-son.txt')).json<ImportDraft>();
    // A database failure after the plan's tasks went in (their assignments come later).
    await db.execute(sql`create or replace function test_refuse_assignment() returns trigger
      language plpgsql as $$ begin raise exception 'disk full (test)'; end; $$`);
    await db.execute(sql`create trigger test_refuse_assignment before insert on task_assignments
      for each row execute function test_refuse_assignment()`);
    try {
      const failed = await confirm(draft.id, { version: draft.version });
      expect(failed.statusCode).toBe(500);
    } finally {
      await db.execute(sql`drop trigger test_refuse_assignment on task_assignments`);
    }
    const back = (await getDraft(draft.id)).json<ImportDraft>();
    expect(back).toMatchObject({
      status: 'draft',
      planId: null,
      abilities: { update: true, confirm: true },
    });
    expect(back.version).toBeGreaterThan(draft.version);
    expect(await db.select().from(plans).where(isNotNull(plans.storingSince))).toHaveLength(0);

    // While a confirmation is being stored, another one is refused; after a crash in that state
    // the start reopens the draft.
    await db.update(importDrafts).set({ status: 'storing' }).where(eq(importDrafts.id, draft.id));
    const during = await confirm(draft.id, { version: back.version });
    expect(during.statusCode).toBe(409);
    expect(during.json().error.code).toBe('import_closed');
    expect((await getDraft(draft.id)).json<ImportDraft>().abilities).toMatchObject({
      update: false,
      confirm: false,
    });
    expect(await releaseStoringDrafts(db)).toBe(1);
    const reopened = (await getDraft(draft.id)).json<ImportDraft>();
    expect(reopened.status).toBe('draft');
    const confirmed = await confirm(draft.id, { version: reopened.version });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  }, 120_000);

  it('stores the extraction gzipped, and still reads a draft stored as JSON before', async () => {
    const { db } = ctx.database;
    const draft = (await upload('ke-hoach-cao-bang.md')).json<ImportDraft>();
    const [stored] = await db.select().from(importDrafts).where(eq(importDrafts.id, draft.id));
    expect(stored?.extraction).toBeNull();
    expect(stored?.extractionGz?.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const read = (await getDraft(draft.id)).json<ImportDraft>();
    expect(read.extraction).toEqual(draft.extraction);
    // A correction is stored the same way and read back.
    const edit = editable(read);
    edit.document.title = 'Kế hoạch đã sửa tên';
    const saved = await save(draft.id, edit);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await getDraft(draft.id)).json<ImportDraft>().extraction.document.title).toBe(
      'Kế hoạch đã sửa tên',
    );
    // As a draft of an earlier version was stored: JSON in `extraction`.
    await db
      .update(importDrafts)
      .set({ extraction: read.extraction, extractionGz: null })
      .where(eq(importDrafts.id, draft.id));
    expect((await getDraft(draft.id)).json<ImportDraft>().extraction).toEqual(read.extraction);
  });
});
