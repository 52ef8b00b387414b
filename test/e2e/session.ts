import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type ProfileBrowser } from '../../scripts/codeServer/chromium';
import { startCodeServer, type CodeServer } from '../../scripts/codeServer/host';
import { installCodeServer } from '../../scripts/codeServer/install';
import { productVsix, vscodeTestDir } from '../../scripts/codeServer/paths';
import { createSampleWorkspace } from '../../scripts/codeServer/workspace';
import { startSandbox, TOKEN_REUSE_MODES, type Sandbox, type TokenReuse } from '../fixtures/sandbox';
import { statusBarItem } from './helpers/statusBar';
import { waitForWorkbench, type TrustChoice } from './helpers/workbench';

/**
 * One code-server, one browser and one sandbox for the whole run: starting them takes seconds,
 * a fresh browser context per test does not. Started and stopped by the root hooks (hooks.ts).
 */
export interface E2eSession {
  codeServer: CodeServer;
  browser: Browser;
  sandbox: Sandbox;
  workspace: string;
}

let session: E2eSession | undefined;

/**
 * PIPEFY_SANDBOX_TOKEN_REUSE=new-revoking (or another TokenReuse mode) starts the sandbox in that
 * mode, so the suite can be run against each way a token endpoint may reuse tokens.
 */
export function sandboxTokenReuse(value = process.env.PIPEFY_SANDBOX_TOKEN_REUSE): TokenReuse | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(TOKEN_REUSE_MODES as readonly string[]).includes(value)) {
    throw new Error(`PIPEFY_SANDBOX_TOKEN_REUSE must be one of ${TOKEN_REUSE_MODES.join(', ')}; got "${value}".`);
  }
  return value as TokenReuse;
}
const openPages = new Set<Page>();
/** Pages a whole suite shares (openSuiteWorkbench): not closed after each test. */
const suitePages = new Set<Page>();

export async function startSession(): Promise<E2eSession> {
  await installCodeServer();
  const workspace = createSampleWorkspace(path.join(vscodeTestDir, 'e2e-workspace'));
  const tokenReuse = sandboxTokenReuse();
  if (tokenReuse) console.log(`  The sandbox reuses tokens in the "${tokenReuse}" mode.`);
  const sandbox = await startSandbox({ tokenReuse });
  const codeServer = await startCodeServer({ extensions: [productVsix], workspace }).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await codeServer.stop();
    await sandbox.close();
    throw error;
  });
  session = { codeServer, browser, sandbox, workspace };
  return session;
}

export async function stopSession(): Promise<void> {
  const current = session;
  session = undefined;
  if (!current) return;
  await current.browser.close().catch(() => undefined);
  await current.codeServer.stop();
  await current.sandbox.close();
}

/** The running code-server, if the session got that far (for failure artifacts). */
export function runningCodeServer(): CodeServer | undefined {
  return session?.codeServer;
}

export function e2eSession(): E2eSession {
  if (!session) throw new Error('The e2e session is not running; run the tests through `npm run test:e2e`.');
  return session;
}

/**
 * Opens the workbench in a fresh browser profile (so no test sees another's state, trust decision
 * or secrets: code-server keeps those in the browser) and waits until it is ready. `beforeLoad`
 * sets the page up before the workbench loads (a route that slows one of its requests).
 */
export async function openWorkbench(trust: TrustChoice = 'trust', beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
  return openInFreshProfile(openPages, trust, beforeLoad);
}

const VIEWPORT = { width: 1400, height: 900 };

async function openInFreshProfile(kept: Set<Page>, trust: TrustChoice, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
  const { browser, codeServer } = e2eSession();
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  kept.add(page);
  page.once('close', () => kept.delete(page));
  await beforeLoad?.(page);
  // A shared, busy machine may take longer than the default 30 s to serve the workbench page.
  await page.goto(codeServer.url, { timeout: 120_000 });
  await waitForWorkbench(page, trust);
  return page;
}

/**
 * Opens the session's workbench in a browser whose profile lives on disk (launchChromiumWithProfile),
 * in the profile's first tab, for tests of what the browser itself writes there. The caller
 * quits or kills that browser.
 */
export async function openWorkbenchInProfile(profile: ProfileBrowser, trust: TrustChoice = 'trust'): Promise<Page> {
  const { codeServer } = e2eSession();
  const page = profile.context.pages()[0] ?? (await profile.context.newPage());
  await page.setViewportSize(VIEWPORT);
  // The first load of a new profile fetches the whole workbench; on a busy machine that takes a while.
  await page.goto(codeServer.url, { timeout: 90_000 });
  await waitForWorkbench(page, trust);
  return page;
}

/**
 * Like openWorkbench, but the page outlives each test, for a suite whose tests walk one user's
 * session in order (add an account, then get a token, then let it expire…) without paying for a
 * workbench load each time. Returned once the product shows its status bar item, so a suite's
 * first step meets an activated extension. The suite closes it with closeSuiteWorkbench in its
 * `after` hook.
 */
export async function openSuiteWorkbench(trust: TrustChoice = 'trust'): Promise<Page> {
  const page = await openInFreshProfile(suitePages, trust);
  await statusBarItem(page).waitFor({ timeout: 60_000 });
  return page;
}

export async function closeSuiteWorkbench(page: Page | undefined): Promise<void> {
  if (!page) return;
  suitePages.delete(page);
  await page.context().close().catch(() => undefined);
}

/** Pages opened by the current test, and those its suite shares, for failure screenshots. */
export function pagesOfCurrentTest(): Page[] {
  return [...openPages, ...suitePages];
}

export async function closePagesOfCurrentTest(): Promise<void> {
  await Promise.all([...openPages].map((page) => page.context().close().catch(() => undefined)));
  openPages.clear();
}
