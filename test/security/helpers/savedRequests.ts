import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import type { RecordedRequest, SandboxClient } from '../../fixtures/sandbox';
import { answerJson, startRecordingServer, type ReceivedRequest, type RecordingServer, type Responder } from '../../fixtures/servers/recordingServer';
import { runCommand } from '../../e2e/helpers/commandPalette';
import { openFile } from '../../e2e/helpers/editor';
import { MIN_CANARY_LENGTH, rememberCanary, uniqueSecret } from '../../e2e/helpers/leakCanaries';
import { clearNotifications, waitForNotification } from '../../e2e/helpers/notifications';
import { waitUntil } from '../../e2e/helpers/waitUntil';
import { waitForWorkbench, type TrustChoice } from '../../e2e/helpers/workbench';
import { clickRunLens } from '../../e2e/helpers/savedRequests';
import { e2eSession } from '../../e2e/session';

/**
 * Saved GraphQL requests in the real workbench, for the security suite: around the CodeLens and
 * response view helpers of test/e2e/helpers/savedRequests.ts, what the security tests need:
 * request files in a workspace, a
 * workbench on a folder of its own, servers whose answer each test chooses, and the tokens seen.
 */

// ── Editors and CodeLenses (the e2e helpers, plus what the security tests add) ──────────────────

/**
 * Opens a request file in a workbench whose editors are all closed first, so each run's response
 * opens beside its request rather than beside the last response, and earlier responses (some of
 * them tens of MB) are let go.
 */
export async function openRequest(page: Page, fileName: string): Promise<void> {
  await runCommand(page, 'View: Close All Editor Groups');
  await openFile(page, fileName);
}

/** Clears the notifications, runs `operation` of the open file `title` by its lens, and returns the notice that matches `outcome`. */
export async function runByLens(page: Page, title: string, operation: string, outcome: RegExp, timeoutMs = 60_000): Promise<string> {
  await clearNotifications(page);
  await clickRunLens(page, title, 0, operation);
  return waitForNotification(page, outcome, timeoutMs);
}


/** The Problems panel's rows, as text (file rows and marker rows alike). */
export async function problemsPanelRows(page: Page): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const rows = await panel.locator('.monaco-list-row').allInnerTexts();
  return rows.map((row) => row.replace(/\s+/g, ' ').trim());
}

/** Waits until the Problems panel lists a marker matching `expected`, and returns its row. */
export async function waitForProblem(page: Page, expected: RegExp): Promise<string> {
  let seen: string[] = [];
  return waitUntil(async () => {
    seen = await problemsPanelRows(page);
    return seen.find((row) => expected.test(row));
  }, () => `the Problems panel to list ${String(expected)}; it lists ${JSON.stringify(seen)}`);
}

// ── Request files ─────────────────────────────────────────────────────────────────────────────

/**
 * Files a suite writes into a workspace folder (the session's, unless given); `removeAll` takes
 * them out again in its `after`.
 */
export class WorkspaceFiles {
  private readonly written = new Set<string>();

  constructor(private readonly folder?: string) {}

  write(name: string, text: string): string {
    const file = path.join(this.folder ?? e2eSession().workspace, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    this.written.add(file);
    return name;
  }

  removeAll(): void {
    for (const file of this.written) fs.rmSync(file, { force: true });
    this.written.clear();
  }
}

/** A request file whose `# @endpoint` line aims its one query, `operation`, at `endpoint`. */
export function requestAimedAt(endpoint: string, operation = 'Me'): string {
  return `# @endpoint ${endpoint}\nquery ${operation} {\n  me { id name }\n}\n`;
}

// ── Workbenches on folders of their own ───────────────────────────────────────────────────────

/**
 * Opens the workbench on `folder` (not the session's workspace) in a fresh browser profile, for a
 * test whose workspace must hold files no other suite may see, such as a .vscode/settings.json.
 * The caller closes it with closeWorkbench.
 */
export async function openWorkbenchOn(folder: string, trust: TrustChoice): Promise<Page> {
  const { browser, codeServer } = e2eSession();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${codeServer.port}/?folder=${encodeURIComponent(folder)}`);
    await waitForWorkbench(page, trust);
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
  return page;
}

export async function closeWorkbench(page: Page | undefined): Promise<void> {
  await page?.context().close().catch(() => undefined);
}

/** Grants Workspace Trust from the Workspace Trust editor (which the product's lens, or the palette, opens). */
export async function trustInTrustEditor(page: Page): Promise<void> {
  const editor = page.locator('.workspace-trust-editor');
  await editor.waitFor({ timeout: 30_000 });
  await editor.getByRole('button', { name: 'Trust', exact: true }).first().click();
}

// ── Servers whose answer each test chooses ────────────────────────────────────────────────────

/** A recording server whose responder a test replaces; every request is still recorded. */
export interface ScriptedServer extends RecordingServer {
  /** Answers from now on with `responder`; without one, as it did at the start. */
  respondWith(responder?: Responder): void;
  /** Requests received since `from` (an earlier `requests.length`). */
  since(from: number): ReceivedRequest[];
}

/** A GraphQL answer any `query { me { … } }` request file accepts. */
const answerMe: Responder = answerJson(200, { data: { me: { id: '1', name: 'Scripted' } } });

export async function startScriptedServer(initial: Responder = answerMe): Promise<ScriptedServer> {
  let current = initial;
  const server = await startRecordingServer((request, response) => current(request, response));
  return Object.assign(server, {
    respondWith: (responder: Responder = initial) => {
      current = responder;
    },
    since: (from: number) => server.requests.slice(from),
  });
}

/** Answers `status` with a Location header pointing at `target`. */
export const redirectTo =
  (status: number, target: string): Responder =>
  (_request, response: ServerResponse) => {
    response.writeHead(status, { Location: target, 'Content-Type': 'text/plain' });
    response.end(`Moved to ${target}`);
  };

// ── Tokens seen ───────────────────────────────────────────────────────────────────────────────

/** The bearer tokens in `Authorization` headers, in order (a sandbox's or a recording server's requests). */
export function bearerTokens(authorizations: ReadonlyArray<string | undefined>): string[] {
  return authorizations.flatMap((header) => bearerTokenOf(header) ?? []);
}

/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  return /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
}

export function sandboxBearerTokens(requests: readonly RecordedRequest[]): string[] {
  return bearerTokens(requests.map((request) => request.authorization));
}

export function serverBearerTokens(requests: readonly ReceivedRequest[]): string[] {
  return bearerTokens(requests.map((request) => request.headers.authorization));
}

/** Remembers tokens for the security run's at-rest scans (secretsAtRest.test.ts, and hooks.ts after the last test). */
export function rememberTokens(tokens: Iterable<string>, origin: string): void {
  for (const token of tokens) if (token.length >= MIN_CANARY_LENGTH) rememberCanary(token, origin);
}

/** A client of a sandbox of a suite's own: values no other suite uses, remembered for the at-rest scan. */
export function uniqueSandboxClient(prefix: string): SandboxClient {
  const client = { clientId: `${prefix}-client-${globalThis.crypto.randomUUID()}`, clientSecret: uniqueSecret(`${prefix}-secret`) };
  rememberCanary(client.clientSecret, `the client secret of the ${prefix} sandbox client`);
  return client;
}
