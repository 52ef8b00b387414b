import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_ALLOWED_API_ORIGINS } from '../../src/core/graphql/originAllowlist';
import { startSandbox, type Sandbox, type SandboxClient } from '../fixtures/sandbox';
import { startRecordingServer, type RecordingServer } from '../fixtures/servers/recordingServer';
import { addAccountThroughPalette, answerAddAccountPrompts, escapeRegExp, type PaletteAccount } from '../e2e/helpers/accounts';
import { clickDialogButton, dialogText } from '../e2e/helpers/dialogs';
import { openFile } from '../e2e/helpers/editor';
import { clearNotifications, waitForNotification } from '../e2e/helpers/notifications';
import { TIME_LEFT, statusBarItem, waitForStatusBarText } from '../e2e/helpers/statusBar';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { isRestrictedMode } from '../e2e/helpers/workbench';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench, openWorkbench } from '../e2e/session';
import { watchSandbox, watchServer } from './figures';
import { naming } from './helpers/meaning';
import {
  WorkspaceFiles,
  closeWorkbench,
  openRequest,
  openWorkbenchOn,
  redirectTo,
  rememberTokens,
  requestAimedAt,
  runByLens,
  sandboxBearerTokens,
  serverBearerTokens,
  startScriptedServer,
  trustInTrustEditor,
  uniqueSandboxClient,
  type ScriptedServer,
} from './helpers/savedRequests';
import { PipefyLog } from './helpers/pipefyLog';
import { UserSettings } from './helpers/userSettings';
import { currentSandboxToken } from '../e2e/helpers/sandboxAccount';
import { waitForLenses } from '../e2e/helpers/savedRequests';
import { runCommand } from '../e2e/helpers/commandPalette';

/** An account of a sandbox of the suite's own, as a user would type it. */
function accountOf(label: string, sandbox: Sandbox, client: SandboxClient, graphqlEndpoint = sandbox.graphqlEndpoint): PaletteAccount {
  return { label, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint, ...client, authMode: 'form' };
}

/** The message a run gets when its endpoint's origin may not receive the token (src/core/graphql/originAllowlist.ts). */
function refusalOf(origin: string): RegExp {
  return new RegExp(`was not sent: The token is not sent to ${escapeRegExp(origin)}: it is not an allowed origin\\. Add it to the setting pipefy\\.allowedApiOrigins if you trust it`);
}

/**
 * Allowed origins (4.2 in docs/security-rules.md) in the real workbench, through saved requests: the token goes to the account's own
 * GraphQL origin and to the origins of the user setting pipefy.allowedApiOrigins, and nowhere
 * else, not even when an allowed endpoint redirects there.
 *
 * The account's GraphQL endpoint is a recording server (its token endpoint, a sandbox of this
 * suite's own); a second server becomes allowed only while the user settings name it; a third is
 * foreign throughout, and any Authorization header it receives counts as a leak in the figures.
 */
describe('Where the token may go: the account\'s origin, pipefy.allowedApiOrigins, redirects', () => {
  const label = 'sec-origins';
  const client = uniqueSandboxClient('sec-origins');
  const files = new WorkspaceFiles();
  const settings = new UserSettings();
  let sandbox: Sandbox;
  let api: ScriptedServer;
  let second: ScriptedServer;
  let foreign: RecordingServer;
  let page: Page;
  let log: PipefyLog;

  const OWN = 'sec-gql-origin-own.graphql';
  const SECOND = 'sec-gql-origin-second.graphql';

  before(async () => {
    sandbox = watchSandbox('the origins suite\'s sandbox', await startSandbox({ clients: [client] }));
    api = await startScriptedServer();
    watchServer('the origins suite\'s account GraphQL endpoint', api, { foreign: false });
    second = await startScriptedServer();
    watchServer('the origins suite\'s second API (allowed only by user setting)', second, { foreign: false });
    foreign = watchServer('the origins suite\'s foreign server', await startRecordingServer(), { foreign: true });
    files.write(OWN, 'query Own {\n  me { id name }\n}\n');
    files.write(SECOND, requestAimedAt(`${second.origin}/graphql`, 'Second'));
    for (const row of refusedRows()) files.write(row.file, requestAimedAt(row.endpoint(), 'Elsewhere'));

    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, accountOf(label, sandbox, client, `${api.origin}/graphql`));
    log = await PipefyLog.containing(`Service account "${label}" added`);
  });

  after(async () => {
    if (page && log) await settings.restore(page, log).catch(() => settings.restoreOnDisk());
    else settings.restoreOnDisk();
    await closeSuiteWorkbench(page);
    if (api) rememberTokens(serverBearerTokens(api.requests), 'a token sent to the origins suite\'s account endpoint');
    if (second) rememberTokens(serverBearerTokens(second.requests), 'a token sent to the origins suite\'s second API');
    await Promise.all([api?.close(), second?.close(), foreign?.close(), sandbox?.close()]);
    files.removeAll();
  });

  /** Nothing reaches any of the suite's GraphQL servers while `action` runs. */
  async function sendsNothing(action: () => Promise<void>): Promise<void> {
    const before = [api.requests.length, second.requests.length, foreign.requests.length];
    await action();
    assert.deepEqual([api.requests.length, second.requests.length, foreign.requests.length], before);
  }

  it('§4.2a the account\'s own GraphQL origin receives the Bearer token, with no setting', async () => {
    await openRequest(page, OWN);
    const from = api.requests.length;
    await runByLens(page, OWN, 'Own', /^Pipefy: Own · 200 OK/);
    const [request] = api.since(from);
    assert.equal(request.headers.authorization, `Bearer ${await currentSandboxToken(sandbox, client)}`);
    assert.equal((JSON.parse(request.body) as { operationName?: string }).operationName, 'Own');
  });

  it('§4.2a an origin added to pipefy.allowedApiOrigins in the user settings receives the Bearer token; without it, the same request is refused and it gets nothing', async () => {
    await openRequest(page, SECOND);
    await sendsNothing(async () => {
      assert.match(await runByLens(page, SECOND, 'Second', /^Pipefy: Second was not sent/), refusalOf(second.origin));
    });

    await settings.set(page, log, { 'pipefy.allowedApiOrigins': [...DEFAULT_ALLOWED_API_ORIGINS, second.origin] });
    try {
      await openRequest(page, SECOND);
      await runByLens(page, SECOND, 'Second', /^Pipefy: Second · 200 OK/);
      assert.deepEqual(serverBearerTokens(second.requests), [await currentSandboxToken(sandbox, client)]);
    } finally {
      await settings.restore(page, log);
    }

    // Taken out of the setting, the origin is refused again at once.
    await openRequest(page, SECOND);
    await sendsNothing(async () => {
      assert.match(await runByLens(page, SECOND, 'Second', /^Pipefy: Second was not sent/), refusalOf(second.origin));
    });
  });

  for (const row of refusedRows()) {
    it(`§4.2b a # @endpoint aimed at ${row.what} is refused with a clear message, and nothing is sent anywhere`, async () => {
      await openRequest(page, row.file);
      await sendsNothing(async () => {
        const notice = await runByLens(page, row.file, 'Elsewhere', /^Pipefy: Elsewhere was not sent/);
        assert.match(notice, refusalOf(new URL(row.endpoint()).origin));
      });
    });
  }

  for (const status of [307, 308]) {
    it(`§4.2c a ${status} from the account's endpoint to another origin is not followed: that origin gets nothing, and the user is told why`, async () => {
      api.respondWith(redirectTo(status, `${foreign.origin}/graphql`));
      try {
        await openRequest(page, OWN);
        const from = api.requests.length;
        const notice = await runByLens(page, OWN, 'Own', /^Pipefy: Own failed/);
        assert.match(notice, naming('redirected', foreign.origin, 'not followed', 'token was not sent'));
        assert.equal(api.since(from).length, 1, 'the account\'s endpoint was asked once');
        assert.deepEqual(foreign.requests, [], 'the redirect target received nothing');
      } finally {
        api.respondWith();
      }
    });
  }

  /**
   * Endpoints that are not allowed: another server, and the account's own server under another
   * origin (another host name for the same address, another scheme for the same host and port).
   */
  function refusedRows(): Array<{ what: string; file: string; endpoint: () => string }> {
    return [
      { what: 'another loopback server', file: 'sec-gql-refused-foreign.graphql', endpoint: () => `${foreign.origin}/graphql` },
      { what: 'the account\'s own server by another host name (localhost)', file: 'sec-gql-refused-localhost.graphql', endpoint: () => `http://localhost:${api.port}/graphql` },
      { what: 'the account\'s own host and port over https://', file: 'sec-gql-refused-https.graphql', endpoint: () => `https://127.0.0.1:${api.port}/graphql` },
    ];
  }
});

/**
 * Untrusted workspaces (4.4 in docs/security-rules.md): the extension supports untrusted workspaces in a limited way. In Restricted Mode a
 * workspace's settings cannot change where the token goes or how requests are made, and saved
 * requests do not run at all until the user trusts the workspace.
 */
describe('Workspace Trust: the manifest, workspace settings and saved requests in Restricted Mode', () => {
  const client = uniqueSandboxClient('sec-trust');
  const files = new WorkspaceFiles();
  let sandbox: Sandbox;
  let foreign: RecordingServer;
  /** A folder of its own for the workspace settings, which the session's shared workspace must not get. */
  let folder: string;
  let folderFiles: WorkspaceFiles;

  const TRUST_FILE = 'sec-gql-trust.graphql';
  const AIMED_FILE = 'sec-gql-workspace-allows.graphql';
  /** How long the sandbox's slow token answer takes: within the default 15 s, over the workspace's 1 s. */
  const SLOW_MS = 5_000;

  before(async () => {
    sandbox = watchSandbox('the trust suite\'s sandbox', await startSandbox({ clients: [client], slowMs: SLOW_MS }));
    foreign = watchServer('the origin a workspace\'s settings allow', await startRecordingServer(), { foreign: true });
    files.write(TRUST_FILE, 'query Trusted {\n  me { id name }\n}\n');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sec-gql-restricted-'));
    folderFiles = new WorkspaceFiles(folder);
    // What a cloned repository could hold to get the token: an origin of its own, allowed by its settings.
    folderFiles.write('.vscode/settings.json', JSON.stringify({
      'pipefy.allowedApiOrigins': [foreign.origin],
      'pipefy.tokenRequestTimeoutSeconds': 1,
      'pipefy.graphqlTimeoutSeconds': 1,
    }, null, 2));
    folderFiles.write(AIMED_FILE, requestAimedAt(`${foreign.origin}/graphql`, 'Aimed'));
  });

  after(async () => {
    if (sandbox) {
      rememberTokens(sandboxBearerTokens(sandbox.requests), 'a token of the trust suite\'s sandbox');
      // The Restricted Mode window got a token it never sent; the sandbox hands out that same one.
      await currentSandboxToken(sandbox, client).then((token) => rememberTokens([token], 'a token got in a Restricted Mode window'), () => undefined);
    }
    await Promise.all([foreign?.close(), sandbox?.close()]);
    files.removeAll();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('§4.4a the installed extension\'s manifest declares untrustedWorkspaces "limited", and restricts the settings that change where and how requests go', () => {
    const { extensionsDir } = e2eSession().codeServer;
    const installed = fs.readdirSync(extensionsDir).find((name) => /^pipefy-playground\.pipefy-playground-\d/.test(name));
    assert.ok(installed, `the product is not installed in ${extensionsDir}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionsDir, installed, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
    };
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    for (const key of ['pipefy.allowedApiOrigins', 'pipefy.tokenRequestTimeoutSeconds', 'pipefy.graphqlTimeoutSeconds']) {
      assert.ok(untrusted?.restrictedConfigurations?.includes(key), `${key} is not among the restricted configurations`);
    }
  });

  it('§4.4c a saved request does not run in Restricted Mode: its servers get nothing, not even a token request; once the workspace is trusted, it runs', async () => {
    const page = await openWorkbench('restricted');
    await statusBarItem(page).waitFor({ timeout: 60_000 });
    await addAccountThroughPalette(page, accountOf('sec-trust', sandbox, client));
    await openFile(page, TRUST_FILE);
    const [trustLens] = await waitForLenses(page, TRUST_FILE, /^Trust the workspace to run with Pipefy$/);
    const before = { ...sandbox.stats };
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Run GraphQL Request');
    await waitForNotification(page, /^Pipefy: Saved requests do not run in Restricted Mode\. Trust this workspace to run them\./);
    assert.deepEqual(sandbox.stats, before);

    // Trusting through the lens the product offers; the same lens then runs the request.
    await trustLens.at.click();
    await trustInTrustEditor(page);
    await waitUntil(async () => ((await isRestrictedMode(page)) ? undefined : true), () => 'the window to leave Restricted Mode');
    await openFile(page, TRUST_FILE);
    const from = sandbox.requests.length;
    await runByLens(page, TRUST_FILE, 'Trusted', /^Pipefy: Trusted · 200 OK/);
    const graphql = sandbox.requests.slice(from).filter((request) => request.path === '/graphql');
    assert.equal(graphql.length, 1);
    assert.match(graphql[0].authorization ?? '', /^Bearer \S+$/);
  });

  it('§4.4b in Restricted Mode a workspace\'s settings are ignored: the origin they allow gets nothing and their timeout does not apply, while a trusted window of the same folder applies them', async function () {
    this.timeout(300_000);
    let restricted: Page | undefined;
    let trusted: Page | undefined;
    try {
      restricted = await openWorkbenchOn(folder, 'restricted');
      await statusBarItem(restricted).waitFor({ timeout: 60_000 });
      await addAccountThroughPalette(restricted, accountOf('sec-ws-restricted', sandbox, client));
      const restrictedLog = await PipefyLog.containing('Service account "sec-ws-restricted" added');
      await restrictedLog.waitForLine(/Restricted Mode: workspace settings that change endpoints or allowed origins are ignored\./);

      // The request the workspace aims at the origin it allows is not sent.
      await openFile(restricted, AIMED_FILE);
      await clearNotifications(restricted);
      await runCommand(restricted, 'Pipefy: Run GraphQL Request');
      await waitForNotification(restricted, /^Pipefy: Saved requests do not run in Restricted Mode/);
      assert.deepEqual(foreign.requests, []);

      // pipefy.tokenRequestTimeoutSeconds is restricted the same way, and observable here: with the
      // workspace's 1 s ignored, a token endpoint 5 s slow still answers within the default 15 s.
      sandbox.failNextToken('slow');
      await runCommand(restricted, 'Pipefy: Get Token');
      await waitForStatusBarText(restricted, TIME_LEFT, undefined, 60_000);
      await closeWorkbench(restricted);
      restricted = undefined;

      // The control: trusted, the same folder's 1 s applies, so the same slow answer comes too late.
      trusted = await openWorkbenchOn(folder, 'trust');
      await statusBarItem(trusted).waitFor({ timeout: 60_000 });
      // The folder's 1 s applies to the check before saving too: the slow answer comes too late for it.
      sandbox.failNextToken('slow');
      await clearNotifications(trusted);
      await runCommand(trusted, 'Pipefy: Add Service Account');
      await answerAddAccountPrompts(trusted, accountOf('sec-ws-trusted', sandbox, client), false);
      assert.match(await dialogText(trusted, '"sec-ws-trusted" is not saved yet'), /did not answer within 1 s/);
      await clickDialogButton(trusted, '"sec-ws-trusted" is not saved yet', 'Save Anyway');
      await waitForNotification(trusted, 'service account "sec-ws-trusted" saved and active, unchecked');
      sandbox.failNextToken('slow');
      await clearNotifications(trusted);
      await runCommand(trusted, 'Pipefy: Get Token');
      await waitForNotification(trusted, new RegExp(`${escapeRegExp(new URL(sandbox.url).host)} did not answer within 1 s\\.`));
      await waitForStatusBarText(trusted, 'sec-ws-trusted · fetch failed');
    } finally {
      await closeWorkbench(restricted);
      await closeWorkbench(trusted);
    }
  });
});
