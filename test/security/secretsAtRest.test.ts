import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { addAccountThroughPalette, editAccountFieldThroughPalette } from '../e2e/helpers/accounts';
import { runCommand } from '../e2e/helpers/commandPalette';
import { MIN_CANARY_LENGTH, rememberCanary, rememberedCanaries, uniqueSecret, type Canary } from '../e2e/helpers/leakCanaries';
import { clearNotifications, waitForNotification } from '../e2e/helpers/notifications';
import { describeLeaks, dumpBrowserStorage, listFiles, scanDumps, scanFiles } from '../e2e/helpers/secretScan';
import { TIME_LEFT, statusBarItem, waitForStatusBarText } from '../e2e/helpers/statusBar';
import { TryItPanel, openTryIt } from '../e2e/helpers/tryIt';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { webviewFrame } from '../e2e/helpers/webview';
import { waitForWorkbench } from '../e2e/helpers/workbench';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from '../e2e/session';
import { recordSecretScan, watchSandbox } from './figures';
import { bearerTokenOf } from './helpers/savedRequests';

/**
 * SPEC §4.1: the client secret and the tokens live in SecretStorage only. After the flows of the
 * security run (this file runs last; see .mocharc.json) and one of its own, none of the secrets typed and
 * none of the tokens issued may be found in plain text in code-server's user-data folder (logs
 * included), the workspace folder, or the browser's storage for the workbench (global and
 * workspace state, the secret store, the Try It webview's saved state).
 */
describe('Secret leak check', () => {
  const label = 'leak-check';
  /** Every value here is unique to this run, so a match cannot be a coincidence. */
  const accountClient = { clientId: `leak-account-${globalThis.crypto.randomUUID()}`, clientSecret: uniqueSecret('leak-account-secret') };
  const adHocClient = { clientId: `leak-adhoc-${globalThis.crypto.randomUUID()}`, clientSecret: uniqueSecret('leak-adhoc-secret') };
  const wrongSecret = uniqueSecret('leak-wrong-secret');
  let sandbox: Sandbox;
  let page: Page;

  /**
   * Everything remembered during the run, plus every bearer token the extension sent to the run's
   * shared sandbox (other suites' GraphQL requests) and the sandbox client's secret they all use.
   */
  function allCanaries(): Canary[] {
    rememberCanary(DEMO_CLIENT.clientSecret, 'the sandbox client secret');
    for (const request of e2eSession().sandbox.requests) {
      const token = bearerTokenOf(request.authorization);
      if (token && token.length >= MIN_CANARY_LENGTH) rememberCanary(token, `a bearer token sent to the sandbox (${request.method} ${request.path})`);
    }
    return rememberedCanaries();
  }

  before(async () => {
    rememberCanary(accountClient.clientSecret, 'the client secret of the leak-check account');
    rememberCanary(adHocClient.clientSecret, 'a client secret typed ad hoc in Try It (leak check)');
    rememberCanary(wrongSecret, 'a wrong client secret typed in Edit Service Account (leak check)');
    // A sandbox of its own, whose clients nobody else uses: every token it issues is known here.
    sandbox = watchSandbox('the leak check\'s sandbox', await startSandbox({ clients: [accountClient, adHocClient] }));
    page = await openSuiteWorkbench();
    await statusBarItem(page).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    await sandbox?.close();
  });

  async function sendAndRemember(panel: TryItPanel, origin: string): Promise<void> {
    assert.match(await panel.send(), /^200 OK/);
    rememberCanary((await panel.responseJson()).access_token as string, origin);
  }

  it('walks the flows that handle secrets and tokens: palette, Try It (saved and ad hoc), a wrong secret', async () => {
    await addAccountThroughPalette(page, {
      label,
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...accountClient,
      authMode: 'json',
    });
    await runCommand(page, 'Pipefy: Get Token');
    await waitForStatusBarText(page, TIME_LEFT);

    const panel = await openTryIt(page);
    await panel.selectAccount(label);
    // Send forces a new request; the sandbox answers with the token the extension already holds.
    await sendAndRemember(panel, 'the leak-check account\'s token, shown by Try It');
    assert.equal(sandbox.stats.tokensIssued, 1);

    await panel.selectAccount('Ad hoc values');
    await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...adHocClient, authMode: 'HTTP Basic' });
    await panel.el('reveal-secret').click();
    await panel.waitForText('request-preview', 'Authorization: Basic');
    await sendAndRemember(panel, 'an ad hoc token shown by Try It (leak check)');
    assert.equal(sandbox.stats.tokensIssued, 2);

    await editAccountFieldThroughPalette(page, label, 'Client secret', wrongSecret);
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Get Token');
    await waitForNotification(page, /invalid_client/);
    await waitForStatusBarText(page, `${label} · fetch failed`);
    await editAccountFieldThroughPalette(page, label, 'Client secret', accountClient.clientSecret);
    await runCommand(page, 'Pipefy: Refresh Token');
    await waitForStatusBarText(page, TIME_LEFT);
    // Every token this sandbox issued is now known (each Send showed the one it got).
    assert.equal(sandbox.stats.tokensIssued, 2);
  });

  it('§4.1 finds none of them in the browser\'s storage, the Try It webview\'s saved state included', async () => {
    // A reload makes the workbench write its state (the webview's among it) and restore from it.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, 'none');
    const restored = webviewFrame(page);
    await restored.locator('#send').waitFor({ timeout: 60_000 });
    // The panel came back with its non-secret state, and without the secret.
    await waitUntil(async () => ((await restored.locator('#client-id input').inputValue()) === adHocClient.clientId ? true : undefined),
      () => 'the restored Try It panel to show the ad hoc client ID');
    assert.equal(await restored.locator('#client-secret input').inputValue(), '');

    const dumps = await dumpBrowserStorage(page);
    const everything = dumps.map((dump) => dump.text).join('\n');
    // The scan sees what it must: the account metadata (global state) and the webview state.
    assert.ok(everything.includes(accountClient.clientId), `the account metadata is not in the dump of ${dumps.map((dump) => dump.where).join(', ')}`);
    assert.ok(everything.includes(adHocClient.clientId), `the Try It webview state is not in the dump of ${dumps.map((dump) => dump.where).join(', ')}`);

    // …and the scan would report a value it holds (the client ID, standing in for a leaked secret).
    assert.ok(scanDumps(dumps, [{ value: accountClient.clientId, origin: 'control' }]).length > 0);
    if (process.env.E2E_DEBUG_LEAK) console.log(dumps.map((dump) => `${dump.where}: ${dump.text.length} chars`).join('\n'));

    const canaries = allCanaries();
    const leaks = scanDumps(dumps, canaries);
    recordSecretScan(leaks.length);
    assert.deepEqual(leaks, [], `Secrets or tokens in browser storage:\n${describeLeaks(leaks)}`);
  });

  it('§4.1 finds none of them in the user-data folder, the logs or the workspace folder', async () => {
    const { codeServer, workspace } = e2eSession();
    // The Pipefy log is written to disk in the background; wait until it has this file's flow.
    const pipefyLog = await waitUntil(async () => {
      const logs = listFiles([codeServer.logsDir]).filter(({ file }) => /Pipefy\.log$/.test(file));
      const found = logs.find(({ file }) => fs.readFileSync(file, 'utf8').includes(`Token for "${label}" received`));
      return found?.file;
    }, () => `a Pipefy log under ${codeServer.logsDir} with the leak-check account's token request`);
    const files = listFiles([codeServer.userDataDir, workspace]);
    assert.ok(files.some(({ file }) => file === pipefyLog));
    assert.ok(files.some(({ file }) => /exthost\d*[\\/]remoteexthost\.log$/.test(file)), 'the extension host log is scanned');

    // The scan would report a value the log holds (the token endpoint, standing in for a secret).
    assert.ok(scanFiles(files, [{ value: sandbox.tokenEndpoint, origin: 'control' }]).some((leak) => leak.where === pipefyLog));

    const canaries = allCanaries();
    const leaks = scanFiles(files, canaries);
    recordSecretScan(leaks.length);
    assert.deepEqual(leaks, [], `Secrets or tokens on disk (${files.length} files, ${canaries.length} values):\n${describeLeaks(leaks)}`);
  });
});
