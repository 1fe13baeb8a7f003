// Browser tests drive Debian's Chromium through playwright-core (never a downloaded browser) against
// the real server, started as `npm start` starts it, on a fresh embedded database.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Ceilings for a hung step, not speed checks: on a loaded two-core machine (two `npm test` side by
// side) a server start or a page's round trip can take many times what it takes on an idle one.
// Tests wait for conditions (an element, a text, a process exit); these only bound the wait.
/** A browser test (one step of a journey: sign in, act, see the result). */
export const BROWSER_TEST_TIMEOUT = 300_000;
/** Playwright's default for actions and waits (its own default is 30 s). */
export const ACTION_TIMEOUT = 60_000;
/** From spawning the server to its "running at" line (migrations, demo data on a new database). */
const SERVER_START_TIMEOUT = 240_000;
/** From SIGTERM to exit before the server is killed. */
const SERVER_STOP_TIMEOUT = 30_000;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: run scripts/test-deps.sh (npm test does) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/**
 * A person signed in in their own browser session (cookies are not shared with other pages), on
 * the page sign-in lands on. Page errors go to `onError` with the person's name, so a test can
 * assert that none happened.
 */
export async function signedInPage(
  browser: Browser,
  options: {
    base: string;
    username: string;
    password: string;
    onError: (message: string) => void;
    /** The test id of the page sign-in lands on (my work by default). */
    landing?: string;
  },
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  page.on('pageerror', (e) => options.onError(`${options.username}: ${e.message}`));
  await page.goto(`${options.base}/dang-nhap`);
  await page.getByTestId('login-username').fill(options.username);
  await page.getByTestId('login-password').fill(options.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(options.landing ?? 'my-work-page').waitFor();
  return page;
}

export type RunningServer = { url: string; output: () => string; stop: () => Promise<void> };

/** Starts src/server/main.ts on a free port with its own data folder; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) {
    throw new Error(
      'The web client is not built: run `npm run build:web` (npm test does it first)',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TIENDO_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${SERVER_START_TIMEOUT} ms:\n${output}`));
    }, SERVER_START_TIMEOUT);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve((match[1] as string).replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const hung = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT);
        await exited;
        clearTimeout(hung);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Picks `option` in an Ant Design select: opens it, types `search` when given, clicks the option,
 * then waits for `chosen` (the choice's visible effect, e.g. a button that becomes enabled). On a
 * loaded machine a click can land while the list is still opening and choose nothing: then the
 * list is closed and the pick tried again, up to three times.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  option: string,
  chosen: () => Promise<unknown>,
  search?: string,
): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    if (search !== undefined) await page.keyboard.type(search);
    await open.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    try {
      await chosen();
      if (await open.count()) await page.keyboard.press('Escape');
      return;
    } catch (e) {
      last = e;
      if (await open.count()) await page.keyboard.press('Escape');
    }
  }
  throw last;
}

/**
 * Applies the succession of the reorganisation page's row naming `name` and waits until the row
 * says it is applied. A confirmation clicked while its popover was still opening does nothing on
 * a loaded machine: while the row is not applied and its button is free again, the click and the
 * confirmation are repeated (a request still running keeps the button busy, so nothing is sent
 * twice).
 */
export async function applySuccession(page: Page, name: string | RegExp): Promise<void> {
  const row = page.getByTestId('succession-row').filter({ hasText: name }).first();
  const applied = row.getByTestId('succession-state').filter({ hasText: 'Đã áp dụng' });
  const button = row.getByTestId('succession-apply');
  // The list first (the checks below do not wait for it).
  await row.waitFor();
  for (let attempt = 1; ; attempt++) {
    if ((await applied.count()) > 0) return;
    if ((await button.isVisible()) && (await button.isEnabled())) {
      await button.click();
      // The confirmation of this row (an earlier one may still be fading out). The list fetched
      // again after an earlier application re-renders the row and can close it before the click
      // lands: then it is opened again.
      try {
        await page
          .locator('.ant-popconfirm')
          .filter({ hasText: name })
          .getByRole('button', { name: 'Áp dụng' })
          .click({ timeout: 15_000 });
      } catch (e) {
        if (attempt >= 4) throw e;
        await page.keyboard.press('Escape');
        continue;
      }
    }
    try {
      // The row changes once the server has moved the tasks and the list is fetched again.
      await applied.waitFor({ timeout: 60_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/**
 * Confirms the import review on screen: when the draft has gaps (no number, no date, tasks without
 * lead) the dialog lists them and each is ticked, as a reviewer accepting them would. Returns the
 * keys of the gaps the dialog listed (empty when it did not open).
 */
export async function confirmImport(
  page: Page,
  options: { shot?: string } = {},
): Promise<string[]> {
  await page.getByTestId('review-confirm').click();
  const dialog = page.getByTestId('review-gaps');
  const planUrl = /\/ke-hoach\/[0-9a-f-]{36}$/;
  await Promise.race([
    dialog.waitFor({ timeout: ACTION_TIMEOUT }),
    page.waitForURL(planUrl, { timeout: ACTION_TIMEOUT }),
  ]);
  if (planUrl.test(page.url())) return [];
  const listed = await dialog
    .locator('[data-gap]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-gap') ?? ''));
  // One box at a time: ticking "all tasks" also ticks the tasks' own boxes.
  const open = dialog.locator('label.ant-checkbox-wrapper:not(.ant-checkbox-wrapper-checked)');
  while ((await open.count()) > 0) {
    const before = await open.count();
    await open.first().click();
    await expect.poll(() => open.count()).toBeLessThan(before);
  }
  if (options.shot) await page.screenshot({ path: options.shot });
  await page.getByTestId('gaps-accept').click();
  await page.waitForURL(planUrl);
  return listed;
}
