// `tiendo`: what an operator does without the UI. Messages for people are Vietnamese with the
// English detail kept for logs; every failure exits non-zero and writes nothing.
import { userInfo } from 'node:os';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { readPlanFile } from '../features/plans/load.js';
import { createPlanFromFile } from '../features/plans/service.js';
import { DataDirLockedError, openInstallation } from '../server/bootstrap.js';
import { AppError } from '../server/errors.js';

export type Io = { out: (line: string) => void; err: (line: string) => void };

const MESSAGES: Record<string, string> = {
  invalid_json: 'Tệp không phải JSON hợp lệ',
  unreadable_file: 'Không đọc được tệp',
  invalid_plan: 'Kế hoạch không hợp lệ',
  invalid_input: 'Dữ liệu không hợp lệ',
};

const ISSUE_MESSAGES: Record<string, string> = {
  unknown_agency: 'cơ quan không có trong danh mục',
  ambiguous_agency: 'tên cơ quan ứng với nhiều đơn vị, cần ghi agency_code',
  unknown_commune: 'mã xã, phường không tồn tại',
  duplicate_document: 'đã có văn bản cùng số, ký hiệu',
};

function reportError(io: Io, e: unknown): number {
  if (e instanceof AppError) {
    io.err(`Lỗi: ${MESSAGES[e.code] ?? e.code}. Không có gì được ghi vào cơ sở dữ liệu.`);
    for (const issue of e.issues) {
      const vi = ISSUE_MESSAGES[issue.code];
      io.err(`  - ${issue.field}: ${vi ? `${vi} (${issue.message})` : issue.message}`);
    }
    return 1;
  }
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
    .action(async (file: string) => {
      const parsed = readPlanFile(file);
      const config = loadConfig(env);
      const opened = await openInstallation(config, `cli:${userInfo().username}`, () => undefined);
      try {
        const result = await createPlanFromFile(
          opened.database.db,
          { id: `cli:${userInfo().username}`, tenantId: opened.tenantId },
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
  return program;
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
    return reportError(io, e);
  }
}
