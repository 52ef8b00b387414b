/**
 * The two speed bars that only the real workbench can show: activate() time in the extension host,
 * and a 10 MB GraphQL response shown and searchable. Runs code-server (real VS Code) with the
 * packaged extension, drives it with Chromium, and reports medians. A figure that cannot be taken
 * is an error that says why, never a missing number.
 */
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../scripts/codeServer/chromium';
import { run } from '../scripts/codeServer/exec';
import { startCodeServer } from '../scripts/codeServer/host';
import { installCodeServer } from '../scripts/codeServer/install';
import { productVsix, repoRoot, vscodeTestDir } from '../scripts/codeServer/paths';
import { openCommandPalette } from '../test/e2e/helpers/commandPalette';
import { openFile } from '../test/e2e/helpers/editor';
import { editorGroup } from '../test/e2e/helpers/savedRequests';
import { quickInputBox, quickInputItems, typeIntoQuickInput } from '../test/e2e/helpers/quickInput';
import { statusBarText, waitForStatusBarText } from '../test/e2e/helpers/statusBar';
import { waitUntil } from '../test/e2e/helpers/waitUntil';
import { waitForWorkbench } from '../test/e2e/helpers/workbench';
import { responseDocumentContent } from '../src/core/requests/responseDocument';
import { type RunStageTimes, parseRunStages } from '../src/core/requests/runStages';
import { DEMO_CLIENT, type Sandbox, startSandbox } from '../test/fixtures/sandbox';
import { buildHostRunner } from '../test/host-runner/build';
import type { StartupCommand } from '../test/host-runner/src/startupCommands';
import { waitForQuietWorkbench } from './quietStart';

/** One timed opening of the 10 MB text: until its cards are on screen, and until the search finds the last one. */
export interface OpeningSample {
  shownMs: number;
  searchableMs: number;
  /** False if the workbench was still busy when the wait for quiet gave up (see quietStart.ts). */
  startedQuiet: boolean;
}

export interface WorkbenchFigures {
  /** One per extension host start, from the product's own log line. */
  activateSamples: number[];
  /** Runs of Run GraphQL Request: from pressing Enter to the last card found. */
  largeResponse: OpeningSample[];
  /** The product's own account of each of those runs, from its log. */
  largeResponseStages: RunStageTimes[];
  largeResponseBytes: number;
  /**
   * Reference taken alongside, interleaved: the same laid-out text opened as a workspace file, i.e.
   * what the workbench itself needs on this machine to show and search it, no extension involved.
   */
  largeFile: OpeningSample[];
  /**
   * Taken alongside too: the same text served from memory by a content provider that does nothing
   * else (the test host runner's), opened with `vscode.open` as the product opens a response. Its
   * cost over the file is the workbench's price for any extension's document.
   */
  largeMemoryText: OpeningSample[];
}

const benchDir = path.join(vscodeTestDir, 'bench');
const LARGE_REQUEST = 'big.graphql';
const LARGE_QUERY = 'query Large {\n  largeCards(count: 100000) { id title }\n}\n';
/** The response tab's title (ResponseDocuments names it after the operation). */
const RESPONSE_TAB = 'Response · Large.json';
const LARGE_FILE = 'big-response.json';
/** Occurs once, in the last of the 100,000 cards, so finding it needs the whole body. */
const LAST_CARD = 'Large card 100000 of 100000';
const RUN_COMMAND = 'Pipefy: Run GraphQL Request';
const ACTIVATED = /Pipefy Service Account Playground activated in ([\d.]+) ms\./;

const BENCH_ACCOUNT = 'Bench';

/**
 * The sandbox needs 1.5 to 5 s on this machine to execute a 100,000-card query, time that belongs
 * to the server (Pipefy's, in real use), not to the extension. So the body is taken from the
 * sandbox once and replayed at once by this server, which is the account's GraphQL endpoint: the
 * figure is then the extension's and the workbench's cost of a 10 MB response, plus the loopback.
 */
async function startReplayServer(body: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function largeResponseFrom(sandbox: Sandbox): Promise<Buffer> {
  const tokenResponse = await fetch(sandbox.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(sandbox.graphqlEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: LARGE_QUERY }),
  });
  if (!response.ok) throw new Error(`The sandbox answered the large query with ${response.status}.`);
  return Buffer.from(await response.arrayBuffer());
}

/** Every "Pipefy" log file, one per extension host start, oldest first. */
function productLogs(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) return [];
  return fs.readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'Pipefy.log')
    .sort()
    .map((file) => fs.readFileSync(path.join(logsDir, file), 'utf8'));
}

/** One activate() duration per extension host start. */
function activateSamples(logsDir: string): number[] {
  return productLogs(logsDir).flatMap((log) => {
    const found = ACTIVATED.exec(log);
    return found ? [Number(found[1])] : [];
  });
}

/** The stage lines of every large run so far, in the order they ran. */
function runStages(logsDir: string): RunStageTimes[] {
  return productLogs(logsDir).flatMap((log) => log.split('\n').filter((line) => line.includes('Large: stages:')).flatMap((line) => parseRunStages(line) ?? []));
}

async function waitForSamples(logsDir: string, count: number): Promise<number[]> {
  return waitUntil(async () => {
    const samples = activateSamples(logsDir);
    return samples.length >= count ? samples : undefined;
  }, () => `${count} "activated in … ms" lines under ${logsDir}; found ${activateSamples(logsDir).length}`, 90_000);
}

/** Closes every editor, so the next editor group found under a tab title is the next run's. */
async function closeAllEditors(page: Page): Promise<void> {
  await openCommandPalette(page);
  await typeIntoQuickInput(page, '>View: Close All Editors');
  await quickInputBox(page).press('Enter');
  await page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached' });
}

/**
 * Times one opening of the 10 MB body: from the Enter that picks `pick` in the quick input (with
 * `filter` typed) to its cards on screen in an editor titled `tab`, and on to the find widget
 * counting the last card, that is, the whole of it is searchable.
 */
async function timeToSearchable(page: Page, filter: string, pick: string, tab: string): Promise<OpeningSample> {
  await openCommandPalette(page);
  await typeIntoQuickInput(page, filter);
  await waitUntil(async () => ((await quickInputItems(page))[0] === pick ? true : undefined), () => `the quick input to list "${pick}" first`);
  const { quiet } = await waitForQuietWorkbench();
  const started = performance.now();
  await quickInputBox(page).press('Enter');

  const group = editorGroup(page, tab);
  // Cards on screen, wherever the editor scrolled to (a file reopens where it was left). The
  // editor renders spaces as no-break spaces, which \s matches.
  const body = group.locator('.editor-instance .view-lines', { hasText: /Large\scard\s\d+\sof\s100000/ });
  await body.waitFor();
  const shownMs = performance.now() - started;
  // Focus for Ctrl+F, clicking the editor's text near its top left: the find widget may cover
  // the top right, a CodeLens the first line, and the lines' own box may be scrolled sideways.
  await group.locator('.editor-instance').click({ position: { x: 100, y: 60 } });
  await group.locator('.monaco-editor.focused').waitFor();
  await page.keyboard.press('Control+F');
  const find = group.locator('.find-widget.visible');
  await find.waitFor();
  // One input event, as a paste would be: typing it key by key would time a search per key.
  await page.keyboard.insertText(LAST_CARD);
  // "? of 1" when the cursor is not on the match (a reopened file keeps its old cursor): counted all the same.
  await find.locator('.matchesCount', { hasText: /^(1|\?) of 1$/ }).waitFor();
  const searchableMs = performance.now() - started;
  await page.keyboard.press('Escape');
  return { shownMs, searchableMs, startedQuiet: quiet };
}

/** Run GraphQL Request on big.graphql: the request, the response document, the search. */
async function timeLargeResponse(page: Page): Promise<OpeningSample> {
  await closeAllEditors(page);
  // Focused, with the cursor in the operation (on line 1, or where the last run left it), so the
  // command runs it without asking.
  await openFile(page, LARGE_REQUEST);
  return timeToSearchable(page, `>${RUN_COMMAND}`, RUN_COMMAND, RESPONSE_TAB);
}

/** The palette's title for the host runner's one command, as its manifest gives it. */
function memoryTextCommandTitle(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'host-runner', 'package.json'), 'utf8')) as {
    contributes: { commands: Array<{ category: string; title: string }> };
  };
  const [{ category, title }] = manifest.contributes.commands;
  return `${category}: ${title}`;
}

/** The same text served from memory by the test host runner: any extension document's cost. */
async function timeLargeMemoryText(page: Page, commandTitle: string): Promise<OpeningSample> {
  await closeAllEditors(page);
  return timeToSearchable(page, `>${commandTitle}`, commandTitle, `In memory · ${LARGE_FILE}`);
}

/** The same text as the response view shows, opened as a workspace file: the workbench's own cost. */
async function timeLargeFile(page: Page): Promise<OpeningSample> {
  await closeAllEditors(page);
  return timeToSearchable(page, LARGE_FILE, LARGE_FILE, LARGE_FILE);
}

/** Developer: Reload Window, picked once (a retried pick would reload twice), until the page has navigated. */
async function reloadWindow(page: Page): Promise<void> {
  const title = 'Developer: Reload Window';
  await openCommandPalette(page);
  await typeIntoQuickInput(page, `>${title}`);
  await waitUntil(async () => ((await quickInputItems(page))[0] === title ? true : undefined), () => `the quick input to list "${title}" first`);
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60_000 });
  await quickInputBox(page).press('Enter');
  await navigated;
}

/**
 * The account must be on screen before the window reloads, and still there after: code-server
 * keeps global state and secrets in the browser, and a reload that came too soon after the write
 * would start a window without it (see the README on storage and reloads).
 */
async function waitForBenchAccount(page: Page, when: string): Promise<void> {
  try {
    await waitForStatusBarText(page, `${BENCH_ACCOUNT} · `, undefined, 60_000);
  } catch {
    const shown = await statusBarText(page).catch(() => 'nothing');
    throw new Error(`${when}, the status bar shows "${shown}" instead of the "${BENCH_ACCOUNT}" account, so the large response cannot be timed.`);
  }
}

/**
 * Starts the sandbox (tokens), a replay server (the 10 MB body), code-server with the product and
 * the test host runner (which adds the account from inside the extension host, as `npm run demo`
 * does), and Chromium; takes `windowStarts` activate() samples by reloading the window, then times
 * `largeRuns` rounds of three openings of the same text: the 10 MB request run, the text served
 * from memory by the host runner, and the text opened as a file. Everything is stopped at the
 * end, also on failure.
 */
export async function measureWorkbench({ windowStarts = 5, largeRuns = 5 } = {}): Promise<WorkbenchFigures> {
  await installCodeServer();
  await run('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const hostRunnerVsix = await buildHostRunner();

  fs.rmSync(benchDir, { recursive: true, force: true });
  const workspace = path.join(benchDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, LARGE_REQUEST), LARGE_QUERY);

  const stops: Array<() => Promise<unknown>> = [];
  let page: Page | undefined;
  try {
    const sandbox = await startSandbox();
    stops.push(() => sandbox.close());
    const largeBody = await largeResponseFrom(sandbox);
    const replay = await startReplayServer(largeBody);
    stops.push(() => replay.close());
    // The very text the response view shows.
    const largeFile = path.join(workspace, LARGE_FILE);
    fs.writeFileSync(largeFile, responseDocumentContent(largeBody.toString('utf8'), true).text);

    const commandsFile = path.join(benchDir, 'startup-commands.json');
    const commands: StartupCommand[] = [{
      command: 'pipefy.addAccount',
      args: [{
        label: 'Bench',
        tokenEndpoint: sandbox.tokenEndpoint,
        graphqlEndpoint: replay.url,
        clientId: DEMO_CLIENT.clientId,
        clientSecret: DEMO_CLIENT.clientSecret,
        authMode: 'form',
      }],
    }];
    fs.writeFileSync(commandsFile, JSON.stringify(commands));

    const codeServer = await startCodeServer({
      extensions: [productVsix, hostRunnerVsix],
      workspace,
      env: { PIPEFY_HOST_COMMANDS: commandsFile, PIPEFY_BENCH_MEMORY_TEXT: largeFile },
      // Over this size (10 MB by default in a browser) a file opens only after a click on "Open Anyway".
      settings: { 'workbench.editorLargeFileConfirmation': 1024 },
    });
    stops.push(() => codeServer.stop());
    const browser = await launchChromium();
    stops.push(() => browser.close());

    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // A figure, not a test: on a busy machine a step may take long, and the number should say so.
    page.setDefaultTimeout(180_000);
    await page.goto(codeServer.url);
    await waitForWorkbench(page, 'trust');
    const outcome = await waitUntil(async () => (fs.existsSync(`${commandsFile}.result.json`) ? fs.readFileSync(`${commandsFile}.result.json`, 'utf8') : undefined),
      () => 'the host runner to add the bench account', 60_000);
    const failed = (JSON.parse(outcome) as Array<{ ok: boolean; error?: string }>).find((result) => !result.ok);
    if (failed) throw new Error(`The bench account could not be added: ${failed.error}`);
    // Added once: later windows must not try again before the runner's "done" mark is saved.
    fs.rmSync(commandsFile);
    // The command's result says the writes were made; the status bar says this window reads them back.
    await waitForBenchAccount(page, 'After the account was added');

    // Each window load starts a new extension host, which activates the product once. Reloaded
    // the way a user does it, through the workbench, which saves its state on the way out.
    for (let start = 2; start <= windowStarts; start++) {
      await waitForSamples(codeServer.logsDir, start - 1);
      await reloadWindow(page);
      await waitForWorkbench(page, 'none');
      await waitForBenchAccount(page, `After window reload ${start - 1}`);
    }
    const activate = await waitForSamples(codeServer.logsDir, windowStarts);

    // Interleaved, so that a busy moment on this shared machine weighs on all three alike; each
    // round starts with another of them, so none always follows the same one.
    const large: OpeningSample[] = [];
    const file: OpeningSample[] = [];
    const memory: OpeningSample[] = [];
    const workbench = page;
    const memoryTextCommand = memoryTextCommandTitle();
    const openings = [
      async (round: number) => {
        large.push(await timeLargeResponse(workbench));
        await waitUntil(async () => (runStages(codeServer.logsDir).length > round ? true : undefined), () => `the product's log to give the stages of large run ${round + 1}`);
      },
      async () => memory.push(await timeLargeMemoryText(workbench, memoryTextCommand)),
      async () => file.push(await timeLargeFile(workbench)),
    ];
    for (let round = 0; round < largeRuns; round++) {
      for (let k = 0; k < openings.length; k++) await openings[(round + k) % openings.length](round);
    }
    return {
      activateSamples: activate,
      largeResponse: large,
      largeResponseStages: runStages(codeServer.logsDir),
      largeResponseBytes: largeBody.length,
      largeFile: file,
      largeMemoryText: memory,
    };
  } catch (error) {
    const screenshot = path.join(benchDir, 'failure.png');
    if (await page?.screenshot({ path: screenshot }).catch(() => undefined)) console.error(`The workbench at the failure: ${screenshot}`);
    throw error;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}
