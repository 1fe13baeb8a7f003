// `tiendo`: what an operator does without the UI. Messages for people are Vietnamese with the
// English detail kept for logs; every failure exits non-zero and writes nothing.
// Start-up time matters for an operator's command: only commander and a few small modules load at
// the top; each command imports what it needs (PGlite, Drizzle, the readers, Argon2) when it runs,
// so `tiendo --help` or a refused argument never pays for the database.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { isoDateInVietnam } from '../domain/calendar.js';
import type { AgencyDirectory } from '../domain/plan-import/agencies.js';
import type { Extraction } from '../domain/plan-import/parse.js';
import { WARNING_LABELS } from '../features/imports/warnings.js';
import type { PlanChanges } from '../features/plans/diff.js';
import { AppError, InvalidInputError } from '../server/errors.js';
import { ROLES, type Role } from '../server/principal.js';

export type Io = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks for a secret (a password) without echoing it; tests pass answers. */
  secret?: (prompt: string) => Promise<string>;
};

const MESSAGES: Record<string, string> = {
  unsupported_format: 'Định dạng tệp không được hỗ trợ (chỉ nhận .docx, .pdf, .txt, .md)',
  too_large: 'Tệp quá lớn',
  empty_document: 'Tệp không có nội dung',
  scanned_pdf:
    'Tệp PDF là ảnh quét, không có lớp chữ: hãy dùng tệp Word gốc hoặc nhận dạng chữ (OCR) trước',
  legacy_encoding:
    'Văn bản dùng bảng mã cũ (TCVN3/VNI): hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại',
  invalid_encoding: 'Tệp văn bản không phải UTF-8',
  corrupt_file: 'Tệp bị hỏng hoặc không đúng định dạng',
  not_a_plan: 'Văn bản không phải là một kế hoạch',
  missing_issuer: 'Không xác định được cơ quan ban hành',
  already_imported: 'Văn bản này đã được nhập trước đây',
  plan_exists:
    'Đã có kế hoạch cùng số, ký hiệu: thêm --new-version để lưu văn bản này làm phiên bản mới (nội dung cũ được giữ trong lịch sử)',
  invalid_json: 'Tệp không phải JSON hợp lệ',
  unreadable_file: 'Không đọc được tệp',
  invalid_plan: 'Kế hoạch không hợp lệ',
  invalid_input: 'Dữ liệu không hợp lệ',
  weak_password: 'Mật khẩu chưa đủ mạnh',
  plan_has_live_work:
    'Phiên bản mới bỏ những nhiệm vụ đã có tiến độ, đề nghị hoặc phân công: hãy giữ các nhiệm vụ đó trong văn bản',
  username_taken: 'Tên đăng nhập đã có người dùng',
  no_password: 'Chưa nhập mật khẩu',
  password_mismatch: 'Hai lần nhập mật khẩu không khớp',
  invalid_registry: 'Danh mục cơ quan có lỗi; sửa các dòng được liệt kê rồi chạy lại',
  unsupported_registry_format: 'Danh mục cơ quan phải là tệp .csv hoặc .xlsx',
  tenant_exists: 'Đã có tỉnh, thành phố (tenant) cùng mã',
  host_taken: 'Tên miền đã được một tỉnh, thành phố khác sử dụng',
  unknown_tenant: 'Không có tỉnh, thành phố (tenant) với mã này (xem: tiendo tenant list)',
  no_tenant: 'Chưa có tỉnh, thành phố (tenant) nào: hãy tạo bằng tiendo tenant create',
  gaps_not_acknowledged:
    'Kế hoạch còn thiếu thông tin (liệt kê dưới đây): bổ sung vào văn bản, hoặc thêm --accept-gaps để vẫn lưu',
};

const ISSUE_MESSAGES: Record<string, string> = {
  unknown_agency: 'cơ quan không có trong danh mục',
  ambiguous_agency: 'tên cơ quan ứng với nhiều đơn vị, cần ghi agency_code',
  unknown_commune: 'mã xã, phường không tồn tại',
  duplicate_document: 'đã có văn bản cùng số, ký hiệu',
  password_too_short: 'mật khẩu cần ít nhất 10 ký tự',
  password_too_simple: 'mật khẩu cần có cả chữ và số',
  password_contains_username: 'mật khẩu không được chứa tên đăng nhập',
  password_common: 'mật khẩu quá phổ biến',
  agency_required: 'vai trò này cần gắn với một cơ quan (--agency MÃ)',
  agency_ended: 'cơ quan đã kết thúc hoạt động',
  invalid_username: 'tên đăng nhập chỉ gồm chữ thường không dấu, số và . _ - (3–50 ký tự)',
  invalid_role: 'vai trò không hợp lệ',
  unknown_province:
    'không có trong danh sách 34 tỉnh, thành phố (reference/admin-units/provinces-2025.csv); ghi mã (ví dụ 82) hoặc tên (ví dụ Đồng Tháp)',
  invalid_tenant_code: 'mã chỉ gồm chữ thường không dấu, số và dấu - (2–40 ký tự), ví dụ dong-thap',
  invalid_host: 'tên miền không hợp lệ',
  host_taken: 'tên miền đã được tỉnh, thành phố khác sử dụng',
  tenant_exists: 'mã đã có',
  unknown_consolidator: 'không có cơ quan với mã này trong danh mục',
  invalid_setting: 'giá trị không hợp lệ',
  empty_registry: 'danh mục không có cơ quan nào',
  missing_column: 'thiếu cột bắt buộc',
  unknown_column: 'cột không thuộc mẫu (code, name, short_name, kind, aliases)',
  required: 'không được để trống',
  too_long: 'quá dài',
  invalid_kind:
    'loại cơ quan không hợp lệ (department/sở, board/ban, office/văn phòng, commune/xã, enterprise/doanh nghiệp, other/khác)',
  invalid_code: 'mã chỉ gồm chữ không dấu, số, - và _',
  duplicate_code: 'mã trùng với một dòng trước',
  duplicate_name: 'tên, tên viết tắt hoặc tên gọi khác trùng với một cơ quan khác',
  missing_number: 'văn bản chưa có số, ký hiệu',
  missing_date: 'văn bản chưa có ngày ban hành',
  task_without_lead: 'nhiệm vụ chưa có cơ quan chủ trì',
};

/** "row 3: kind" (a registry row) → "dòng 3, cột kind". */
const fieldLabel = (field: string) => field.replace(/^row (\d+): /, 'dòng $1, cột ');

async function reportError(io: Io, e: unknown): Promise<number> {
  if (e instanceof AppError) {
    io.err(`Lỗi: ${MESSAGES[e.code] ?? e.code}. Không có gì được ghi vào cơ sở dữ liệu.`);
    if (e.issues.length === 0) io.err(`  (${e.message})`);
    if (e.code === 'plan_exists') {
      const { PlanExistsError } = await import('../features/imports/service.js');
      if (e instanceof PlanExistsError && e.changes) io.err(describeChanges(e.changes));
    }
    for (const issue of e.issues) {
      const vi = ISSUE_MESSAGES[issue.code];
      io.err(`  - ${fieldLabel(issue.field)}: ${vi ? `${vi} (${issue.message})` : issue.message}`);
    }
    return 1;
  }
  const { DataDirLockedError } = await import('../server/bootstrap.js');
  if (e instanceof DataDirLockedError) {
    io.err(
      `Lỗi: cơ sở dữ liệu đang được tiến trình ${e.pid} sử dụng (máy chủ đang chạy?). Hãy dừng máy chủ rồi chạy lại.`,
    );
    io.err(`  (${e.message})`);
    return 1;
  }
  io.err(`Lỗi không mong đợi: ${(e as Error)?.message ?? String(e)}`);
  return 2;
}

export function buildCli(io: Io, env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('tiendo')
    .description('Tiến Độ – theo dõi thực hiện kế hoạch (command-line tool for operators)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .showHelpAfterError();

  const plan = program.command('plan').description('plans: load and inspect');
  plan
    .command('load')
    .description('Load a plan from a JSON plan file (docs/plan.schema.json); all or nothing')
    .argument('<file>', 'plan file (.json)')
    .option('--tenant <code>', 'the tenant (province) of the plan; the first created by default')
    .action(async (file: string, options: { tenant?: string }) => {
      const { readPlanFile } = await import('../features/plans/load.js');
      const parsed = readPlanFile(file);
      const { openInstallation } = await import('../server/bootstrap.js');
      const { createPlanFromFile } = await import('../features/plans/service.js');
      const config = loadConfig(env);
      const opened = await openInstallation(config, `cli:${userInfo().username}`, () => undefined);
      try {
        const tenantId = await tenantOf(opened, options.tenant);
        const result = await createPlanFromFile(
          opened.database.db,
          { id: `cli:${userInfo().username}`, tenantId },
          parsed,
        );
        io.out(`Đã tải kế hoạch: ${result.planId}`);
        io.out(
          `  ${result.counts.nodes} mục, ${result.counts.targets} chỉ tiêu, ${result.counts.tasks} nhiệm vụ, ${result.counts.projects} dự án`,
        );
        io.out(`  Xem tại: http://localhost:${config.port}/ke-hoach/${result.planId}`);
      } finally {
        await opened.close();
      }
    });
  const user = program.command('user').description('accounts');
  user
    .command('create')
    .description(
      'Create an account; the password is asked for (or read from standard input with --password-stdin)',
    )
    .requiredOption('--username <name>', 'login name (lower-case letters, digits, . _ -)')
    .option('--name <display name>', 'full name shown in the app')
    .option('--admin', 'an administrator (users, agencies, reorganisations)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--agency <code>', 'the agency the user works for (code from the agency list)')
    .option('--email <address>', 'for notifications')
    .option('--password-stdin', 'read the password from standard input')
    .option('--tenant <code>', 'the tenant (province) of the account; the first created by default')
    .action(
      async (options: {
        tenant?: string;
        username: string;
        name?: string;
        admin?: boolean;
        role?: string;
        agency?: string;
        email?: string;
        passwordStdin?: boolean;
      }) => {
        const input = await checkNewUser({
          username: options.username,
          displayName: options.name ?? options.username,
          email: options.email ?? null,
          role: options.admin ? 'administrator' : (options.role ?? 'viewer'),
        });
        const password = await readNewPassword(io, options.passwordStdin ?? false);
        const [{ openInstallation }, { createUser }, { agencies }, { and, eq }] = await Promise.all(
          [
            import('../server/bootstrap.js'),
            import('../features/users/service.js'),
            import('../db/schema.js'),
            import('drizzle-orm'),
          ],
        );
        const config = loadConfig(env);
        const actor = `cli:${userInfo().username}`;
        const opened = await openInstallation(config, actor, () => undefined);
        try {
          const db = opened.database.db;
          const tenantId = await tenantOf(opened, options.tenant);
          let agencyId: string | null = null;
          if (options.agency) {
            const [agency] = await db
              .select({ id: agencies.id })
              .from(agencies)
              .where(and(eq(agencies.tenantId, tenantId), eq(agencies.code, options.agency)));
            if (!agency) {
              throw new InvalidInputError([
                {
                  field: 'agency',
                  code: 'unknown_agency',
                  message: `no agency with code ${options.agency}`,
                },
              ]);
            }
            agencyId = agency.id;
          }
          const row = await createUser(db, { id: actor, tenantId }, tenantId, {
            ...input,
            agencyId,
            password,
          });
          io.out(`Đã tạo tài khoản ${row.username} (${ROLE_LABELS[row.role as Role]}).`);
        } finally {
          await opened.close();
        }
      },
    );

  tenantCommands(program, io, env);

  program
    .command('import')
    .description(
      'Read a plan document (.docx, .pdf, .txt, .md) and store it as a plan, or with --dry-run only show what was found',
    )
    .argument('<file>', 'the plan document')
    .option('--dry-run', 'parse only; store nothing')
    .option('--json', 'print the extraction (docs/import-extraction.md) as JSON')
    .option(
      '--new-version',
      'replace the content of the plan stored under the same number (kept as a revision)',
    )
    .option('--tenant <code>', 'the tenant (province) of the plan; the first created by default')
    .option(
      '--accept-gaps',
      'store the plan even without number or date, or with tasks that no agency leads',
    )
    .action(
      async (
        file: string,
        options: {
          dryRun?: boolean;
          json?: boolean;
          newVersion?: boolean;
          tenant?: string;
          acceptGaps?: boolean;
        },
      ) => {
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(file);
        } catch (e) {
          throw new InvalidInputError(
            [{ field: '(file)', code: 'unreadable_file', message: (e as Error).message }],
            'unreadable_file',
          );
        }
        const config = loadConfig(env);
        // A dry run on the embedded database reads the registry's snapshot (written by the
        // server and every command): no lock, so it works while the server runs, and no PGlite.
        if (options.dryRun && !config.databaseUrl) {
          const { readDirectorySnapshot } = await import(
            '../features/imports/directory-snapshot.js'
          );
          const snapshot = readDirectorySnapshot(config.dataDir, options.tenant);
          if (snapshot) {
            const done = await dryRunOnSnapshot(bytes, basename(file), snapshot.directory);
            io.out(options.json ? done.json : done.summary);
            return;
          }
          if (options.tenant && readDirectorySnapshot(config.dataDir))
            throw new AppError(404, 'unknown_tenant', `no tenant ${options.tenant}`);
          // Never opened by this version: the database is opened (and made) as before.
        }
        const [{ openInstallation }, { extractPlan, importPlan }, { presentExtraction }] =
          await Promise.all([
            import('../server/bootstrap.js'),
            import('../features/imports/service.js'),
            import('../features/imports/presenter.js'),
          ]);
        const actor = `cli:${userInfo().username}`;
        const opened = await openInstallation(config, actor, () => undefined);
        try {
          const tenantId = await tenantOf(opened, options.tenant);
          const started = performance.now();
          const extracted = await extractPlan(
            opened.database.db,
            tenantId,
            bytes,
            basename(file),
            isoDateInVietnam(),
          );
          const ms = performance.now() - started;
          const { extraction, source } = extracted;
          if (options.json && options.dryRun) {
            io.out(
              JSON.stringify(
                presentExtraction(extraction, {
                  file: basename(file),
                  format: source.format,
                  characters: source.text.length,
                }),
                null,
                2,
              ),
            );
            return;
          }
          if (options.dryRun) {
            io.out(summary(extraction, ms));
            return;
          }
          // The gaps a reviewer would tick one by one: on the command line, --accept-gaps.
          const { reviewGaps } = await import('../features/imports/review-gaps.js');
          const gaps = reviewGaps(extraction);
          if (gaps.length > 0 && !options.acceptGaps) {
            throw new AppError(
              422,
              'gaps_not_acknowledged',
              `${gaps.length} gap(s) to accept`,
              gaps.map((g) => ({
                field: g.kind === 'task_without_lead' ? `nhiệm vụ ${(g.task ?? 0) + 1}` : g.key,
                code: g.kind,
                message: g.kind === 'task_without_lead' ? g.title : g.kind,
              })),
            );
          }
          const result = await importPlan(opened.database.db, { id: actor, tenantId }, extracted, {
            newVersion: options.newVersion ?? false,
          });
          const url = `http://localhost:${config.port}/ke-hoach/${result.planId}`;
          if (options.json) {
            io.out(
              JSON.stringify(
                {
                  plan_id: result.planId,
                  url,
                  counts: result.counts,
                  warnings: extraction.warnings,
                },
                null,
                2,
              ),
            );
          } else {
            io.out(
              result.revision > 1
                ? `Đã lưu phiên bản ${result.revision} của kế hoạch: ${result.planId}`
                : `Đã nhập kế hoạch: ${result.planId}`,
            );
            if (result.changes) io.out(describeChanges(result.changes));
            io.out(
              `  ${result.counts.targets} chỉ tiêu, ${result.counts.tasks} nhiệm vụ, ${result.counts.projects} dự án; ${extraction.warnings.length} cảnh báo cần rà soát`,
            );
            io.out(`  Xem tại: ${url}`);
          }
        } finally {
          await opened.close();
        }
      },
    );
  return program;
}

/**
 * The account fields of `user create` and `tenant create --admin-username`, checked before the
 * database is opened; the codes are those the messages above translate.
 */
async function checkNewUser(fields: {
  username: string;
  displayName: string;
  email: string | null;
  role: string;
}) {
  const { createUserBodySchema } = await import('../features/users/schema.js');
  const input = createUserBodySchema.safeParse({ ...fields, agencyId: null, password: 'x' });
  if (!input.success) {
    throw new InvalidInputError(
      input.error.issues.map((i) => ({
        field: String(i.path[0] ?? ''),
        code:
          i.path[0] === 'role'
            ? 'invalid_role'
            : i.path[0] === 'username'
              ? 'invalid_username'
              : i.code,
        message: i.message,
      })),
    );
  }
  return input.data;
}

/** The tenant a command works in: `--tenant <code>`, else the first created. */
async function tenantOf(
  opened: { database: { db: import('../db/client.js').Db }; tenantId: string | null },
  code: string | undefined,
): Promise<string> {
  if (code === undefined) {
    if (!opened.tenantId) throw new AppError(400, 'no_tenant', 'no tenant exists');
    return opened.tenantId;
  }
  const [{ tenants }, { eq }] = await Promise.all([
    import('../db/schema.js'),
    import('drizzle-orm'),
  ]);
  const [row] = await opened.database.db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.code, code));
  if (!row) throw new AppError(400, 'unknown_tenant', `no tenant with code ${code}`);
  return row.id;
}

/** The new administrator's password: a file, standard input, TIENDO_ADMIN_PASSWORD, or asked. */
async function readAdminPassword(
  io: Io,
  env: NodeJS.ProcessEnv,
  options: { adminPasswordFile?: string; adminPasswordStdin?: boolean },
): Promise<string> {
  if (options.adminPasswordFile) {
    let text: string;
    try {
      text = readFileSync(options.adminPasswordFile, 'utf8');
    } catch (e) {
      throw new InvalidInputError(
        [
          {
            field: '--admin-password-file',
            code: 'unreadable_file',
            message: (e as Error).message,
          },
        ],
        'unreadable_file',
      );
    }
    const password = text.replace(/\r?\n$/, '');
    if (!password) throw new AppError(400, 'no_password', 'empty password file');
    return password;
  }
  if (!options.adminPasswordStdin && env.TIENDO_ADMIN_PASSWORD) return env.TIENDO_ADMIN_PASSWORD;
  return readNewPassword(io, options.adminPasswordStdin ?? false);
}

const collect = (value: string, previous: string[]) => [...previous, value];

type TenantCreateOptions = {
  code: string;
  province: string;
  registry: string;
  name?: string;
  host: string[];
  authority?: string;
  place?: string;
  consolidator?: string;
  reportSymbol?: string;
  urgingSymbol?: string;
  adminUsername: string;
  adminName?: string;
  adminEmail?: string;
  adminPasswordFile?: string;
  adminPasswordStdin?: boolean;
};

/** `tiendo tenant create | list | template`: how a province starts (README.md, "Một tỉnh bắt đầu"). */
function tenantCommands(program: Command, io: Io, env: NodeJS.ProcessEnv) {
  const tenant = program
    .command('tenant')
    .description('tenants (one per province): start one, list them, get the registry template');
  tenant
    .command('create')
    .description(
      'Create a tenant with its agency registry, host names, settings and first administrator; all or nothing',
    )
    .requiredOption('--code <code>', 'the tenant code (lower-case, digits, "-"), e.g. dong-thap')
    .requiredOption('--province <code or name>', 'province code or name (provinces-2025.csv)')
    .requiredOption('--registry <file>', 'agency registry, .csv or .xlsx (tiendo tenant template)')
    .option('--name <name>', 'name shown on the login page (default: the province name)')
    .option('--host <hostname>', 'host name served by this tenant (repeatable)', collect, [])
    .option('--authority <name>', 'issuer of reports (default: Ủy ban nhân dân <province>)')
    .option('--place <place>', 'place on the date line (default: the province name)')
    .option('--consolidator <agency code>', 'the consolidating department, a code of the registry')
    .option('--report-symbol <symbol>', 'symbol of the consolidated report, e.g. BC-UBND')
    .option('--urging-symbol <symbol>', 'symbol of the urging letter, e.g. STC-KH')
    .requiredOption('--admin-username <name>', 'login name of the first administrator')
    .option('--admin-name <display name>', 'full name of the administrator')
    .option('--admin-email <address>', 'e-mail of the administrator')
    .option('--admin-password-file <file>', 'read the password from this file')
    .option('--admin-password-stdin', 'read the password from standard input')
    .action(async (options: TenantCreateOptions) => {
      // Everything that needs no database first: a refused argument opens nothing.
      const { findProvince } = await import('../features/tenants/service.js');
      if (!findProvince(options.province)) {
        throw new InvalidInputError([
          {
            field: '--province',
            code: 'unknown_province',
            message: `"${options.province}" is not in the national list`,
          },
        ]);
      }
      const admin = await checkNewUser({
        username: options.adminUsername,
        displayName: options.adminName ?? options.adminUsername,
        email: options.adminEmail ?? null,
        role: 'administrator',
      });
      const { checkRegistry, readRegistryCells } = await import(
        '../features/tenants/registry-file.js'
      );
      const registry = checkRegistry(await readRegistryCells(options.registry));
      const password = await readAdminPassword(io, env, options);
      const [{ openInstallation }, { createTenant }] = await Promise.all([
        import('../server/bootstrap.js'),
        import('../features/tenants/service.js'),
      ]);
      const config = loadConfig(env);
      const actor = `cli:${userInfo().username}`;
      // No starter: on an empty database this tenant is the first (the default).
      const opened = await openInstallation(config, actor, () => undefined, { starter: false });
      try {
        const created = await createTenant(
          opened.database.db,
          { id: actor },
          {
            code: options.code,
            province: options.province,
            name: options.name,
            hosts: options.host,
            registry,
            settings: {
              authorityName: options.authority,
              place: options.place,
              consolidator: options.consolidator,
              reportSymbol: options.reportSymbol,
              urgingSymbol: options.urgingSymbol,
            },
            admin: { ...admin, password },
          },
        );
        io.out(`Đã tạo ${created.name} (mã ${created.code}, mã tỉnh ${created.province.code}).`);
        io.out(`  ${created.agencies} cơ quan trong danh mục; quản trị: ${admin.username}.`);
        io.out(
          created.hosts.length > 0
            ? `  Tên miền: ${created.hosts.join(', ')}`
            : '  Chưa có tên miền: thêm --host khi tạo, nếu máy chủ phục vụ nhiều tỉnh.',
        );
        if (opened.tenantId === null)
          io.out('  Đây là tỉnh, thành phố đầu tiên: mọi tên miền chưa gán đều vào đây.');
      } finally {
        await opened.close();
      }
    });
  tenant
    .command('list')
    .description('List the tenants with their host names')
    .action(async () => {
      const [{ openInstallation }, { listTenants }] = await Promise.all([
        import('../server/bootstrap.js'),
        import('../features/tenants/service.js'),
      ]);
      const config = loadConfig(env);
      const opened = await openInstallation(config, `cli:${userInfo().username}`, () => undefined, {
        starter: false,
      });
      try {
        const list = await listTenants(opened.database.db);
        if (list.length === 0) io.out('Chưa có tỉnh, thành phố nào (tiendo tenant create).');
        for (const t of list) {
          const hosts = [...t.hosts, ...(t.isDefault ? ['(mặc định: mọi tên miền chưa gán)'] : [])];
          io.out(`${t.code}\t${t.name}\t${t.province.code}\t${hosts.join(', ') || '-'}`);
        }
      } finally {
        await opened.close();
      }
    });
  tenant
    .command('template')
    .description('Write the agency registry template (header and two example rows)')
    .requiredOption('--out <file>', '.xlsx or .csv')
    .action(async (options: { out: string }) => {
      const { registryTemplateCsv, registryTemplateXlsx } = await import(
        '../features/tenants/registry-file.js'
      );
      const { writeFileSync } = await import('node:fs');
      const lower = options.out.toLowerCase();
      if (lower.endsWith('.xlsx')) writeFileSync(options.out, await registryTemplateXlsx());
      else if (lower.endsWith('.csv')) writeFileSync(options.out, registryTemplateCsv());
      else
        throw new AppError(400, 'unsupported_registry_format', `${options.out}: use .csv or .xlsx`);
      io.out(`Đã ghi mẫu danh mục cơ quan: ${options.out}`);
    });
}

const ROLE_LABELS: Record<Role, string> = {
  administrator: 'quản trị',
  leadership: 'lãnh đạo UBND tỉnh',
  consolidator: 'cơ quan tổng hợp',
  agency_head: 'lãnh đạo đơn vị',
  agency_officer: 'cán bộ đơn vị',
  viewer: 'người xem',
  supervisor: 'giám sát (Mặt trận Tổ quốc)',
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Without --password-stdin the password is asked for twice, not echoed. */
async function readNewPassword(io: Io, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const password = (await readStdin()).replace(/\r?\n$/, '');
    if (!password) throw new AppError(400, 'no_password', 'empty password on standard input');
    return password;
  }
  const ask = io.secret ?? askHidden;
  const first = await ask('Mật khẩu: ');
  if (!first) throw new AppError(400, 'no_password', 'no password given');
  const second = await ask('Nhập lại mật khẩu: ');
  if (first !== second) throw new AppError(400, 'password_mismatch', 'passwords differ');
  return first;
}

async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new AppError(400, 'no_password', 'no terminal: use --password-stdin');
  const { createInterface } = await import('node:readline');
  const { Writable } = await import('node:stream');
  process.stdout.write(prompt);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

function describeChanges(c: PlanChanges): string {
  if (c.unchanged) return '  Nội dung nhiệm vụ, chỉ tiêu, dự án không thay đổi.';
  const part = (label: string, i: PlanChanges['tasks']) => [
    ...i.added.map((n) => `  + ${label}: ${n}`),
    ...i.removed.map((n) => `  - ${label}: ${n}`),
    ...i.changed.map((n) => `  ~ ${label}: ${n.name} (${n.fields.join(', ')})`),
  ];
  return [
    '  Thay đổi so với phiên bản trước:',
    ...part('nhiệm vụ', c.tasks),
    ...part('chỉ tiêu', c.targets),
    ...part('dự án', c.projects),
  ].join('\n');
}

/** The quoted part of an English warning (a task title, an agency name) is the document's own words. */
function detail(message: string): string {
  const quoted = /"([^"]+)"/.exec(message);
  return quoted ? `: "${quoted[1]}"` : '';
}

/** Reads and parses a document against a registry snapshot, as the server would. */
async function dryRunOnSnapshot(
  bytes: Uint8Array,
  fileName: string,
  directory: AgencyDirectory,
): Promise<{ summary: string; json: string }> {
  const [
    { readSourceDocument },
    { UnreadableDocumentError },
    { parsePlanDocument },
    presenter,
    check,
  ] = await Promise.all([
    import('../features/imports/readers/index.js'),
    import('../features/imports/readers/source-document.js'),
    import('../domain/plan-import/parse.js'),
    import('../features/imports/presenter.js'),
    import('../features/imports/plan-check.js'),
  ]);
  const started = performance.now();
  let source: Awaited<ReturnType<typeof readSourceDocument>>;
  try {
    source = await readSourceDocument(bytes, fileName);
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw new AppError(422, e.code, e.message);
    throw e;
  }
  const extraction = parsePlanDocument(source, directory, { today: isoDateInVietnam() });
  check.assertPlan(extraction);
  const ms = performance.now() - started;
  const json = JSON.stringify(
    presenter.presentExtraction(extraction, {
      file: fileName,
      format: source.format,
      characters: source.text.length,
    }),
    null,
    2,
  );
  return { summary: summary(extraction, ms), json };
}

function summary(x: Extraction, ms: number): string {
  const lines = [
    `Văn bản: ${x.document.type ?? '?'} ${x.document.number ?? '(chưa có số)'} – ${x.document.issuer ?? '(chưa rõ cơ quan ban hành)'}`,
    `  ${x.references.length} văn bản được viện dẫn, ${x.objectives.length} mục tiêu, ${x.targets.length} chỉ tiêu, ${x.tasks.length} nhiệm vụ, ${x.projects.length} dự án`,
    `  Người ký: ${x.signer?.name ?? '(không thấy)'}; ${x.recipients.length} nơi nhận; đọc trong ${ms.toFixed(0)} ms`,
    `  Cảnh báo (${x.warnings.length}):`,
    ...x.warnings.map((w) => `   - ${WARNING_LABELS[w.code] ?? w.code}${detail(w.message)}`),
    'Chưa ghi gì (--dry-run). Bỏ --dry-run để lưu kế hoạch; thêm --json để xem đầy đủ.',
  ];
  return lines.join('\n');
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(
  argv: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    await buildCli(io, env).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    return await reportError(io, e);
  }
}
