// Activity on a plan, made through the HTTP API as the demo accounts would make it, so that the
// dashboard and the lists have something to count: for the browser tests (against the server they
// start) and for demos (against a running demo server:
// `npx tsx test/support/activity.ts http://127.0.0.1:4100`). Nothing here is product code, and
// every change goes through the API's own routes (policies, audit, notifications).
//
// On the plan (the first one listed unless named):
// - the consolidator gives every task a lead in turn (Sở Tài chính, Sở Xây dựng) and, to those
//   the plan gives no date, a date spread over the past and future (overdue by every age, due soon);
// - the agencies' heads report on one-off tasks in a fixed pattern: done on or before the date, done
//   after it, in progress (40 %), or nothing (overdue or not started, by the date);
// - the consolidator gives each project Sở Xây dựng as owner and planned milestones (one planned a
//   month ago, not reached: slipping), loads this year's capital plan and this month's
//   disbursement from the capital spreadsheet;
// - the consolidator adds an ad hoc reporting period whose deadline passed 10 days ago and opens it
//   (nobody has reported: every expected agency's report is missing).
import ExcelJS from 'exceljs';

const DEMO_PASSWORD = 'demo2026tiendo';

type Session = { cookie: string; csrf: string; agencyId: string | null };

/** Today in Vietnam (UTC+7), ISO. */
export function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

class Client {
  constructor(
    readonly base: string,
    readonly session: Session,
  ) {}

  static async signIn(base: string, username: string, password = DEMO_PASSWORD) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200)
      throw new Error(`sign in ${username}: ${res.status} ${await res.text()}`);
    const cookie = /tiendo_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error('no session cookie');
    const body = (await res.json()) as {
      csrfToken: string;
      user: { agency: { id: string } | null };
    };
    return new Client(base, {
      cookie,
      csrf: body.csrfToken,
      agencyId: body.user.agency?.id ?? null,
    });
  }

  async request<T>(method: string, path: string, body?: unknown | FormData): Promise<T> {
    const headers: Record<string, string> = {
      cookie: this.session.cookie,
      'x-csrf-token': this.session.csrf,
    };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    if (res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T;
  }

  get<T>(path: string) {
    return this.request<T>('GET', path);
  }
}

type TaskRow = {
  id: string;
  title: string;
  deadline: { kind: string };
  lead: { id: string } | null;
  status: { state: string; dueOn: string | null; period: unknown };
};
type TaskDetail = TaskRow & { version: number };

export type ActivitySummary = {
  planId: string;
  tasks: number;
  reported: number;
  projects: number;
  periodId: string | null;
};

/**
 * What happens to the tasks the plan gives no date, in turn: the date they are given (days from
 * today) and what their lead reports — done before the date, done after it, in progress, nothing.
 */
const PATTERN: readonly { due: number; action: 'on_time' | 'late' | 'progress' | 'none' }[] = [
  { due: -150, action: 'on_time' },
  { due: -75, action: 'late' },
  { due: -40, action: 'none' }, // overdue 30–60 days
  { due: 20, action: 'progress' },
  { due: -10, action: 'none' }, // overdue under 30 days
  { due: -130, action: 'none' }, // overdue over 120 days
  { due: 45, action: 'none' }, // not started
];

export async function generateActivity(
  base: string,
  options: { planId?: string } = {},
): Promise<ActivitySummary> {
  const today = todayInVietnam();
  const consolidator = await Client.signIn(base, 'tonghop');
  const heads = [
    await Client.signIn(base, 'stc.lanhdao'),
    await Client.signIn(base, 'sxd.lanhdao'),
  ];
  const leads = heads.map((h) => {
    if (!h.session.agencyId) throw new Error('a head without an agency');
    return h.session.agencyId;
  });

  const planId =
    options.planId ??
    (await consolidator.get<{ items: { id: string }[] }>('/api/plans?limit=1')).items[0]?.id;
  if (!planId) throw new Error('no plan to work on');

  const { items } = await consolidator.get<{ items: TaskRow[] }>(
    `/api/tasks?planId=${planId}&limit=500`,
  );
  let reported = 0;
  let undatedSeen = 0;
  for (const [i, row] of items.entries()) {
    const lead = leads[i % leads.length] as string;
    const head = heads[i % heads.length] as Client;
    let task = await consolidator.get<TaskDetail>(`/api/tasks/${row.id}`);
    // Work the plan gives no date gets one, in a pattern that covers the grid.
    const step =
      task.deadline.kind === 'none' ? (PATTERN[undatedSeen++ % PATTERN.length] ?? null) : null;
    await consolidator.request('PUT', `/api/tasks/${row.id}/assignment`, {
      version: task.version,
      leadAgencyId: lead,
      coordinatorAgencyIds: [],
      ...(step ? { dueOn: addDays(today, step.due) } : {}),
      note: 'Phân công (dữ liệu thử)',
    });
    task = await head.get<TaskDetail>(`/api/tasks/${row.id}`);
    const due = task.status.dueOn;
    // Recurring work is judged per period; only one-off work with a date is reported on here.
    if (task.status.period || !due) continue;
    const report = async (reportedOn: string, percent: number) => {
      const form = new FormData();
      form.set('version', String(task.version));
      form.set('reportedOn', reportedOn);
      form.set('percent', String(percent));
      form.set('narrative', `Báo cáo tiến độ ${percent}% (dữ liệu thử).`);
      await head.request('POST', `/api/tasks/${row.id}/progress`, form);
      reported += 1;
    };
    // Dated by the plan: done on time when its day has passed at every third task, else left.
    const action = step?.action ?? (i % 3 === 0 && due < today ? 'on_time' : 'none');
    if (action === 'on_time') await report(due < today ? addDays(due, -2) : today, 100);
    else if (action === 'late' && due < today) await report(today, 100);
    else if (action === 'progress' && due >= today) await report(today, 40);
  }

  // Projects: an owner and planned milestones, then the year's capital plan and the month's
  // disbursement from the consolidator's spreadsheet.
  const projects = (
    await consolidator.get<{ items: { id: string }[] }>(`/api/projects?planId=${planId}&limit=100`)
  ).items;
  for (const [i, { id }] of projects.entries()) {
    const p = await consolidator.get<{
      version: number;
      sector: string | null;
      investmentForm: string | null;
      owner: { agency: { id: string } | null; name: string | null };
      totalInvestment: string | null;
      approvalDocuments: unknown[];
      startYear: number | null;
      endYear: number | null;
      communes: { code: string }[];
      clearance: { unit: string | null; total: string | null };
      tasks: { id: string }[];
      targets: { id: string }[];
    }>(`/api/projects/${id}`);
    await consolidator.request('PUT', `/api/projects/${id}`, {
      version: p.version,
      sector: p.sector,
      investmentForm: p.investmentForm,
      ownerAgencyId: p.owner.agency?.id ?? leads[1],
      owner: p.owner.name,
      totalInvestment: p.totalInvestment,
      approvalDocuments: p.approvalDocuments,
      startYear: p.startYear,
      endYear: p.endYear,
      communeCodes: p.communes.map((c) => c.code),
      clearanceUnit: p.clearance.unit,
      clearanceTotal: p.clearance.total,
      milestones: [
        // Every other project's groundbreaking was due a month ago and has not happened.
        { kind: 'groundbreaking', plannedOn: addDays(today, i % 2 === 0 ? -30 : 60) },
        { kind: 'completion', plannedOn: addDays(today, 700) },
      ],
      taskIds: p.tasks.map((t) => t.id),
      targetIds: p.targets.map((t) => t.id),
    });
  }
  if (projects.length > 0) {
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const bytes = await consolidator.get<Buffer>(
      `/api/projects/capital-template?year=${year}&month=${month}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const capital = book.getWorksheet('Kế hoạch vốn');
    const disbursement = book.getWorksheet('Giải ngân');
    if (!capital || !disbursement) throw new Error('the capital template changed');
    const ids = new Set(projects.map((p) => p.id));
    let n = 0;
    capital.eachRow((r, row) => {
      if (!ids.has(String(r.getCell(1).value))) return;
      n += 1;
      capital.getCell(`D${row}`).value = 100 * n; // central
      capital.getCell(`E${row}`).value = 25.5 * n; // local
    });
    n = 0;
    disbursement.eachRow((r, row) => {
      if (!ids.has(String(r.getCell(1).value))) return;
      n += 1;
      disbursement.getCell(`D${row}`).value = Number((12.345 * n).toFixed(3));
    });
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const form = new FormData();
    form.set('file', new Blob([filled]), 'ke-hoach-von.xlsx');
    await consolidator.request('POST', '/api/projects/capital-import', form);
  }

  // A period whose deadline has passed, opened: every expected agency's report is missing.
  let periodId: string | null = null;
  const period = await consolidator.request<{ id: string }>(
    'POST',
    `/api/plans/${planId}/periods`,
    {
      kind: 'ad_hoc',
      label: 'Báo cáo sơ kết (dữ liệu thử)',
      windowFrom: addDays(today, -60),
      windowTo: addDays(today, -20),
      submissionDueOn: addDays(today, -10),
    },
  );
  await consolidator.request('POST', `/api/periods/${period.id}/open`);
  periodId = period.id;

  return { planId, tasks: items.length, reported, projects: projects.length, periodId };
}

// As a command: activity on a running server's (first) plan.
if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2];
  if (!base) {
    console.error('usage: npx tsx test/support/activity.ts <server url> [plan id]');
    process.exit(2);
  }
  generateActivity(base, { planId: process.argv[3] }).then(
    (summary) => console.log(JSON.stringify(summary, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
