import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../fixtures/sandbox';
import { closedLoopbackPort, startRecordingServer, type RecordingServer } from '../fixtures/servers/recordingServer';
import { addAccountThroughPalette } from '../e2e/helpers/accounts';
import { runCommand } from '../e2e/helpers/commandPalette';
import { openFile } from '../e2e/helpers/editor';
import { closeQuickInput, waitForQuickInput } from '../e2e/helpers/quickInput';
import { rememberCanary } from '../e2e/helpers/leakCanaries';
import { clearNotifications, clickNotificationButton, notificationButtons, waitForNotification } from '../e2e/helpers/notifications';
import { TIME_LEFT, statusBarBackground, statusBarIcons, statusBarTooltip, waitForStatusBarText } from '../e2e/helpers/statusBar';
import { TryItPanel, openTryIt } from '../e2e/helpers/tryIt';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from '../e2e/session';
import { watchSandbox, watchServer } from './figures';
import {
  NETWORK_FAULTS,
  SANDBOX_FAULTS,
  UNRESOLVABLE_HOST,
  lastGraphQLBearer,
  uniqueClient,
  type NetworkFaultCase,
  type SandboxFaultCase,
  type TokenFaultCase,
} from './helpers/tokenFaults';
import { rememberCurrentSandboxToken } from '../e2e/helpers/sandboxAccount';
import { PipefyLog } from './helpers/pipefyLog';
import { UserSettings } from './helpers/userSettings';

/** The account this file saves, pointing at its own sandbox. */
const LABEL = 'token-faults';
/** An hour: the token got early stays valid, outside the renewal margin, through the whole file. */
const TOKEN_LIFETIME_SECONDS = 3600;
/** Longer than any timeout the tests wait for, so a "slow" answer is always a timeout. */
const SLOW_MS = 60_000;
const TIMEOUT_SETTING = 'pipefy.tokenRequestTimeoutSeconds';
/** Not the default (15): a message naming it can only come from the setting. */
const CONFIGURED_TIMEOUT_SECONDS = 3;
/** The saved request every e2e workspace has (scripts/codeServer/workspace.ts): `query Me`. */
const SAVED_REQUEST = 'me.graphql';

/** Closes an editor (a file, a webview panel) by its tab's close button, if it is open. */
async function closeEditorTab(page: Page, title: string): Promise<void> {
  const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: title }) });
  if ((await tab.count()) === 0) return;
  await tab.click();
  await tab.locator('.tab-actions .action-label').click();
  await tab.waitFor({ state: 'detached' });
}

/** The notification a failed command shows: "Pipefy: <what failed> <what to do>". */
function notificationOf(fault: TokenFaultCase): RegExp {
  return new RegExp(`^Pipefy: ${fault.message.source.replace(/^\^/, '')}`);
}

function faultNamed(fault: SandboxFaultCase['fault']): SandboxFaultCase {
  const found = SANDBOX_FAULTS.find((row) => row.fault === fault);
  if (!found) throw new Error(`No row for the sandbox fault "${fault}".`);
  return found;
}

/**
 * What the token endpoint sends back (5.token.*, 5.outage) and its limits (4.7), see
 * docs/security-rules.md: each fault injected one at a time into a
 * real token request, made the way a user makes it (the Try It panel, the command palette), in
 * the real workbench. Every one must end in a message that says what failed and what to do, with
 * nothing stored and the extension still working; a token that is still valid stays in use.
 */
describe('Token endpoint faults, through Try It and the command palette', () => {
  const client = uniqueClient('token-faults');
  let sandbox: Sandbox;
  let plainHttp: RecordingServer;
  let closedPort: number;
  let page: Page;

  /** Where each network fault happens; built once the servers are up. */
  function networkEndpoint(fault: NetworkFaultCase): string {
    switch (fault.kind) {
      case 'dns':
        return `https://${UNRESOLVABLE_HOST}/oauth/token`;
      case 'connection_refused':
        return `http://127.0.0.1:${closedPort}/oauth/token`;
      case 'timeout':
        // The sandbox, once the test has asked it to hold its next answer back (the 'slow' fault).
        return sandbox.tokenEndpoint;
      case 'tls':
        // A server that speaks plain HTTP: the TLS handshake cannot succeed.
        return `https://127.0.0.1:${plainHttp.port}/oauth/token`;
    }
  }

  before(async () => {
    rememberCanary(client.clientSecret, 'the client secret of the token-fault tests');
    sandbox = watchSandbox('the token-fault sandbox', await startSandbox({ clients: [client], slowMs: SLOW_MS, tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS }));
    plainHttp = watchServer('a plain-HTTP server behind an https:// token endpoint', await startRecordingServer(), { foreign: false });
    closedPort = await closedLoopbackPort();
    page = await openSuiteWorkbench();
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    await sandbox?.close();
    await plainHttp?.close();
  });

  describe('Try It with ad hoc values', () => {
    let panel: TryItPanel;

    before(async () => {
      panel = await openTryIt(page);
      await panel.selectAccount('Ad hoc values');
    });

    /** Sends the ad hoc values to `tokenEndpoint` and checks what the panel says about `fault`. */
    async function sendAndExpectFailure(tokenEndpoint: string, fault: TokenFaultCase): Promise<void> {
      await panel.fillAdHoc({ tokenEndpoint, ...client });
      const outcome = await panel.send();
      assert.match(outcome.replace(/^Failed: /, ''), fault.message, outcome);
      assert.match(outcome, /^Failed: /);
      assert.equal(await panel.el('error').getAttribute('data-code'), fault.code);
      assert.match(await panel.text('error-message'), fault.message);
      assert.match(await panel.text('error-hint'), fault.hint);
      // What came back is shown as received; when nothing usable did, the banner says so and no
      // empty response section repeats it.
      if (fault.responseStatus) assert.equal(await panel.text('response-status'), fault.responseStatus);
      else assert.equal(await panel.el('response').isHidden(), true);
      // Values that just failed are not offered for saving.
      assert.equal(await panel.el('save').isHidden(), true);
      // No token to count down: nothing was obtained, nothing is kept.
      assert.equal(await panel.el('token').isHidden(), true);
      await rememberShownToken('a token in a rejected token response, shown by Try It');
    }

    /** A rejected response may still hold a real token (a bad expires_in): the leak check must know it. */
    async function rememberShownToken(origin: string): Promise<void> {
      let body: unknown;
      try {
        body = JSON.parse(await panel.text('response-json'));
      } catch {
        return;
      }
      const token = (body as { access_token?: unknown }).access_token;
      if (typeof token === 'string' && token.length >= 12) rememberCanary(token, origin);
    }

    for (const fault of NETWORK_FAULTS) {
      it(`§${fault.line} ${fault.name}: Try It says what failed and what to do`, async function () {
        // The timeout row waits out the default 15 s.
        if (fault.kind === 'timeout') {
          this.timeout(180_000);
          sandbox.failNextToken('slow');
        }
        const posts = sandbox.stats.tokenPosts;
        await sendAndExpectFailure(networkEndpoint(fault), fault);
        // Only the timeout row reaches the sandbox, once; the others never get that far.
        assert.equal(sandbox.stats.tokenPosts - posts, fault.kind === 'timeout' ? 1 : 0);
      });
    }

    for (const fault of SANDBOX_FAULTS) {
      it(`§${fault.line} ${fault.name}: Try It says what failed and what to do, and shows what came back`, async () => {
        const posts = sandbox.stats.tokenPosts;
        sandbox.failNextToken(fault.fault);
        await sendAndExpectFailure(sandbox.tokenEndpoint, fault);
        assert.equal(sandbox.stats.tokenPosts - posts, 1, 'one token request, answered with the fault');
      });
    }

    it('after every fault above, the same panel still gets a token: 200', async () => {
      await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...client });
      assert.match(await panel.send(), /^200 OK/);
      assert.equal(await panel.el('error').isHidden(), true);
      const token = (await panel.responseJson()).access_token;
      assert.equal(typeof token, 'string');
      rememberCanary(token as string, 'an ad hoc token shown by Try It (token-fault tests)');
    });
  });

  describe('"Pipefy: Get Token" with a saved account', () => {
    before(async () => {
      await addAccountThroughPalette(page, { label: LABEL, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, ...client, authMode: 'form' });
      // The check before saving got a token, which Get Token would reuse: each fault below needs a request.
      await runCommand(page, 'Pipefy: Clear Token');
      await waitForStatusBarText(page, `${LABEL} · no token`);
    });

    for (const fault of SANDBOX_FAULTS) {
      it(`§${fault.line} ${fault.name}: Get Token's error says what failed and what to do; the status bar shows the error; no token is kept`, async () => {
        const posts = sandbox.stats.tokenPosts;
        sandbox.failNextToken(fault.fault);
        await clearNotifications(page);
        await runCommand(page, 'Pipefy: Get Token');
        const notice = await waitForNotification(page, notificationOf(fault));
        assert.match(notice, fault.hint);
        assert.deepEqual(await notificationButtons(page, notificationOf(fault)), ['Edit Service Account', 'Show Logs']);
        // "fetch failed" rather than a time left: the error state, and no token was kept.
        await waitForStatusBarText(page, `${LABEL} · fetch failed`);
        assert.deepEqual(await statusBarIcons(page), ['warning']);
        assert.equal(await statusBarBackground(page), 'error');
        assert.equal(sandbox.stats.tokenPosts - posts, 1, 'one token request, answered with the fault');
      });
    }

    it('the error\'s Edit Service Account opens the edit of that account', async () => {
      sandbox.failNextToken('invalid_client');
      await clearNotifications(page);
      await runCommand(page, 'Pipefy: Get Token');
      await clickNotificationButton(page, /invalid_client/, 'Edit Service Account');
      await waitForQuickInput(page, `Edit Pipefy Service Account "${LABEL}"`);
      await closeQuickInput(page);
    });

    it('after every fault above, the next Get Token succeeds and clears the error state', async () => {
      await clearNotifications(page);
      await runCommand(page, 'Pipefy: Get Token');
      await waitForNotification(page, `token for "${LABEL}" ready`);
      await waitForStatusBarText(page, TIME_LEFT);
      assert.deepEqual(await statusBarIcons(page), ['key']);
      assert.equal(await statusBarBackground(page), undefined);
      await rememberCurrentSandboxToken('the saved account\'s token (token-fault tests)', sandbox, client);
    });
  });

  describe('§4.7a the token request timeout is a user setting', () => {
    const settings = new UserSettings();
    let log: PipefyLog;

    before(async () => {
      log = await PipefyLog.containing(`Service account "${LABEL}" added`);
      await settings.set(page, log, { [TIMEOUT_SETTING]: CONFIGURED_TIMEOUT_SECONDS });
    });

    after(async () => {
      // Other suites share this code-server, and with it the user settings.
      await settings.restore(page, log).catch(() => settings.restoreOnDisk());
    });

    const timeout = NETWORK_FAULTS.find((row) => row.kind === 'timeout');
    if (!timeout) throw new Error('NETWORK_FAULTS has no timeout row.');
    const configured = new RegExp(`^127\\.0\\.0\\.1:\\d+ did not answer within ${CONFIGURED_TIMEOUT_SECONDS} s\\.`);

    it(`§4.7a ${TIMEOUT_SETTING} = ${CONFIGURED_TIMEOUT_SECONDS}: Refresh Token gives up after that and the error names the ${CONFIGURED_TIMEOUT_SECONDS} s`, async () => {
      sandbox.failNextToken('slow');
      await clearNotifications(page);
      await runCommand(page, 'Pipefy: Refresh Token');
      const notice = await waitForNotification(page, new RegExp(`^Pipefy: ${configured.source.slice(1)}`));
      assert.match(notice, timeout.hint);
      // The refresh failed; the token got earlier is still valid and still shown, in the error state.
      await waitForStatusBarText(page, TIME_LEFT);
      await waitUntil(async () => ((await statusBarIcons(page)).includes('warning') ? true : undefined), () => 'the status bar to show the error state');
      assert.equal(await statusBarBackground(page), 'error');
    });

    it(`§4.7a ${TIMEOUT_SETTING} = ${CONFIGURED_TIMEOUT_SECONDS}: Try It gives up after that and names the ${CONFIGURED_TIMEOUT_SECONDS} s`, async () => {
      const panel = await openTryIt(page);
      await panel.selectAccount('Ad hoc values');
      await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...client });
      sandbox.failNextToken('slow');
      const outcome = await panel.send();
      assert.match(outcome, new RegExp(`^Failed: ${configured.source.slice(1)}`));
      assert.equal(await panel.el('error').getAttribute('data-code'), 'timeout');
      assert.match(await panel.text('error-hint'), timeout.hint);
    });
  });

  describe('§5 when the token endpoint fails, a token that is still valid stays in use', () => {
    /** Runs the workspace's saved request `Me` with "Pipefy: Run GraphQL Request" and waits for its 200. */
    async function runSavedRequest(): Promise<void> {
      await openFile(page, SAVED_REQUEST);
      await clearNotifications(page);
      await runCommand(page, 'Pipefy: Run GraphQL Request');
      await waitForNotification(page, /^Pipefy: Me · 200 OK/);
    }

    /** A successful Refresh Token: the error state goes, the key comes back. */
    async function refreshClearsTheError(): Promise<void> {
      await clearNotifications(page);
      await runCommand(page, 'Pipefy: Refresh Token');
      await waitForNotification(page, `token for "${LABEL}" ready`);
      await waitUntil(async () => ((await statusBarIcons(page)).includes('key') ? true : undefined), () => 'the status bar to leave the error state');
      assert.match(await waitForStatusBarText(page, TIME_LEFT), new RegExp(`^${LABEL} · `));
      assert.equal(await statusBarBackground(page), undefined);
    }

    before(async () => {
      // "Run GraphQL Request" runs the active editor's request; with the Try It panel open, opening
      // the palette can make the panel the active editor (it clicks into the editor area first).
      await closeEditorTab(page, 'Pipefy: Try It');
      // Start from a token in hand and no error (the timeout test above left one).
      await refreshClearsTheError();
    });

    for (const fault of [faultNamed('server_error'), faultNamed('invalid_client')]) {
      it(`§5.outage ${fault.name} on Refresh Token: the error shows, the status bar is in the error state, the valid token keeps serving requests, the next success clears it`, async () => {
        await runSavedRequest();
        const inUse = lastGraphQLBearer(sandbox);
        assert.ok(inUse, 'the saved request went out with a bearer token');

        sandbox.failNextToken(fault.fault);
        await clearNotifications(page);
        await runCommand(page, 'Pipefy: Refresh Token');
        const notice = await waitForNotification(page, notificationOf(fault));
        assert.match(notice, fault.hint);

        // The error state: the warning icon and the error background, still counting the valid token down.
        await waitUntil(async () => ((await statusBarIcons(page)).includes('warning') ? true : undefined), () => 'the status bar to show the error state');
        assert.match(await waitForStatusBarText(page, TIME_LEFT), new RegExp(`^${LABEL} · `));
        assert.equal(await statusBarBackground(page), 'error');
        const tooltip = await statusBarTooltip(page);
        assert.ok(tooltip.includes(`Last error: [${fault.code}]`), `the tooltip does not name the error: ${tooltip}`);
        assert.match(tooltip, new RegExp(`What to do: .*${fault.hint.source}`));

        // The token obtained before the failure still serves requests, without a new token request.
        const posts = sandbox.stats.tokenPosts;
        await runSavedRequest();
        assert.equal(lastGraphQLBearer(sandbox), inUse);
        assert.equal(sandbox.stats.tokenPosts, posts);

        await refreshClearsTheError();
      });
    }

    it('§5.outage 429 on Try It\'s Send for the saved account: the panel says so and shows the cached token still in use; the next Send clears the error', async () => {
      const fault = faultNamed('rate_limited');
      const panel = await openTryIt(page);
      await panel.selectAccount(LABEL);
      sandbox.failNextToken(fault.fault);
      const outcome = await panel.send();
      assert.match(outcome.replace(/^Failed: /, ''), fault.message);
      assert.match(await panel.text('error-hint'), fault.hint);
      // The panel counts down the token the cache still holds, and says it is still in use.
      await panel.el('token').waitFor({ state: 'visible' });
      await panel.waitForText('token-details', `"${LABEL}" (cached earlier; still in use)`);
      assert.ok(((await panel.countdownSeconds()) ?? 0) > 60, await panel.text('countdown'));
      await waitUntil(async () => ((await statusBarIcons(page)).includes('warning') ? true : undefined), () => 'the status bar to show the error state');
      assert.equal(await statusBarBackground(page), 'error');

      assert.match(await panel.send(), /^200 OK/);
      assert.equal(await panel.el('error').isHidden(), true);
      await waitUntil(async () => ((await statusBarIcons(page)).includes('key') ? true : undefined), () => 'the status bar to leave the error state');
      assert.equal(await statusBarBackground(page), undefined);
    });
  });
});
