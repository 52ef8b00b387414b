import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromiumWithProfile, type ProfileBrowser } from '../../scripts/codeServer/chromium';
import { vscodeTestDir } from '../../scripts/codeServer/paths';
import { ADMIN_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { addAccountThroughPalette, editAccountFieldThroughPalette } from '../e2e/helpers/accounts';
import { runCommand } from '../e2e/helpers/commandPalette';
import { rememberCanary, uniqueSecret } from '../e2e/helpers/leakCanaries';
import { clearNotifications, waitForNotification } from '../e2e/helpers/notifications';
import { rememberCurrentSandboxToken } from '../e2e/helpers/sandboxAccount';
import { createServiceAccountThroughPalette } from '../e2e/helpers/serviceAccounts';
import { describeLeaks, dumpBrowserStorage, listFiles, scanDumps, scanFiles, scanFilesCounted } from '../e2e/helpers/secretScan';
import { TIME_LEFT, statusBarItem, waitForStatusBarText } from '../e2e/helpers/statusBar';
import { TryItPanel, openTryIt } from '../e2e/helpers/tryIt';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { webviewFrame } from '../e2e/helpers/webview';
import { waitForWorkbench } from '../e2e/helpers/workbench';
import { e2eSession, openWorkbenchInProfile } from '../e2e/session';
import { recordSecretScan, watchSandbox } from './figures';
import { describeFindings, formControls, plantControls, sessionsDir, waitForFormStateOnDisk } from './helpers/browserProfile';
import { runSecrets, sessionFiles } from './helpers/runSecrets';
import { tryItFrames } from './helpers/webviewProbes';

/** Each run's browser profiles; cleared at the start of a run, kept after it for a look. */
const profilesDir = path.join(vscodeTestDir, 'at-rest-profiles');

/**
 * 4.1 in docs/security-rules.md: the client secret and the tokens live in SecretStorage only. This file walks every
 * flow that handles a secret or a token in a browser whose profile lives on disk, as a user's
 * does, then reads that profile as an attacker with the disk would: every file, in UTF-8,
 * UTF-16LE and base64, after the browser quit normally and after it was killed. It also reads the
 * browser's storage through the page, code-server's user-data folder (logs included) and the
 * workspace. Its own flows make it stand alone, in any order: it looks for its own secrets and
 * tokens, and for those of every suite that ran before it. The scan of the session's files after
 * the last test (hooks.ts) covers every suite's, whatever order the files ran in.
 */
describe('Secret leak check', () => {
  // Unique to the run (and within the label's 20 characters), so no other account can be mistaken for them.
  const runId = globalThis.crypto.randomUUID().slice(0, 8);
  const label = `leak-check-${runId}`;
  const savedLabel = `leak-saved-${runId}`;
  const adminLabel = `leak-admin-${runId}`;
  const createdLabel = `leak-made-${runId}`;
  /** Every value here is unique to this run, so a match cannot be a coincidence. */
  const client = (prefix: string) => ({ clientId: `${prefix}-id-${globalThis.crypto.randomUUID()}`, clientSecret: uniqueSecret(`${prefix}-secret`) });
  const accountClient = client('leak-account');
  const adHocClient = client('leak-adhoc');
  const saveAsClient = client('leak-save-as');
  const killedAccountClient = client('leak-killed-account');
  const killedAdHocClient = client('leak-killed-adhoc');
  const wrongSecret = uniqueSecret('leak-wrong-secret');
  let sandbox: Sandbox;
  let quitting: ProfileBrowser | undefined;
  let killed: ProfileBrowser | undefined;
  let page: Page;

  before(async function () {
    // A browser start and a first workbench load, each up to a minute and a half on a busy machine.
    this.timeout(5 * 60_000);
    rememberCanary(accountClient.clientSecret, 'the client secret of the leak-check account (palette, then typed ad hoc in Try It)');
    rememberCanary(adHocClient.clientSecret, 'a client secret typed ad hoc in Try It (leak check)');
    rememberCanary(saveAsClient.clientSecret, 'a client secret typed in Try It and saved as an account (leak check)');
    rememberCanary(killedAccountClient.clientSecret, 'a client secret typed in the palette of the browser that is killed');
    rememberCanary(killedAdHocClient.clientSecret, 'a client secret typed in Try It of the browser that is killed');
    rememberCanary(wrongSecret, 'a wrong client secret typed in Edit Service Account (leak check)');
    rememberCanary(ADMIN_CLIENT.clientSecret, 'the sandbox admin\'s client secret, typed in the palette (leak check)');
    // A sandbox of its own, whose clients nobody else uses: every token it issues is known here.
    sandbox = watchSandbox('the leak check\'s sandbox', await startSandbox({
      clients: [accountClient, adHocClient, saveAsClient, killedAccountClient, killedAdHocClient],
    }));
    fs.rmSync(profilesDir, { recursive: true, force: true });
    quitting = await launchChromiumWithProfile(path.join(profilesDir, 'quit-normally'));
    page = await openWorkbenchInProfile(quitting);
    await statusBarItem(page).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    // Both are gone already when the tests passed; after a failure they must not outlive the run.
    await quitting?.kill();
    await killed?.kill();
    await sandbox?.close();
  });

  async function sendAndRemember(panel: TryItPanel, origin: string): Promise<void> {
    assert.match(await panel.send(), /^200 OK/);
    rememberCanary((await panel.responseJson()).access_token as string, origin);
  }

  /** Shows the secret as typed (the eye toggle makes the field a text field) and checks it did. */
  async function revealSecret(panel: TryItPanel): Promise<void> {
    await panel.el('reveal-secret').click();
    await waitUntil(async () => ((await panel.el('client-secret').locator('input').getAttribute('type')) === 'text' ? true : undefined),
      () => 'the eye toggle to show the secret as text');
  }

  /** Controls that held a secret or token while the browser saves their value as form state, by flow. */
  const savedFormStateHolders: string[] = [];

  /**
   * The secret is in the page now (typed, maybe shown): notes every control whose value the
   * browser saves as form state and that holds it, or any other secret or token. Noted, not
   * asserted here, so the walk goes on to the disk scans, which are the proof.
   */
  async function noteSecretsInSavedFormState(panel: TryItPanel, typed: string, flow: string): Promise<void> {
    const controls = await formControls((await tryItFrames(panel)).content);
    // Control: the typed secret is in the page, so the probe reads the field that holds it.
    assert.ok(controls.some((control) => control.value === typed), `the typed secret is in no form control of the page (${flow})`);
    const canaries = runSecrets();
    for (const control of controls) {
      if (control.savedAsFormState && canaries.some((canary) => control.value.includes(canary.value))) {
        savedFormStateHolders.push(`${flow}: <${control.tag}${control.id ? ` id="${control.id}"` : ''}>${control.customElement ? ' (form-associated custom element)' : ''}`);
      }
    }
  }

  /**
   * Types a value nobody else uses into a field that the browser does save as form state, and
   * waits until the browser has written it to the session files: the secret typed before it was
   * in the form state written then, so the scan that follows sees what a leak would have left.
   */
  async function formStateReachesDisk(panel: TryItPanel, profile: ProfileBrowser): Promise<string> {
    const marker = `form-state-marker-${globalThis.crypto.randomUUID()}`;
    await panel.el('description').locator('input').fill(marker);
    await waitForFormStateOnDisk(profile.profileDir, marker);
    return marker;
  }

  /**
   * Reads the whole profile of a browser that is no longer running. The controls come first: a
   * value planted in each form is found in each, and the marker typed into Try It is in the
   * session files (so those files hold the page's form state).
   */
  function scanProfile(profile: ProfileBrowser, marker: string): void {
    const control = plantControls(profile.profileDir);
    const files = listFiles([profile.profileDir]);
    assert.deepEqual(describeFindings(scanFiles(files, [control.canary])), describeFindings(control.expected.map((planted) => ({ ...planted, what: '' }))));
    const markerFiles = scanFiles(files, [{ value: marker, origin: 'the form-state marker' }]);
    assert.ok(markerFiles.some((leak) => leak.where.startsWith(sessionsDir(profile.profileDir)) && leak.encoding === 'utf16le'),
      `the marker typed into Try It is not in the session files; found: ${describeFindings(markerFiles).join(', ')}`);
    fs.rmSync(path.dirname(control.expected[0].where), { recursive: true });

    const canaries = runSecrets();
    const scan = scanFilesCounted(listFiles([profile.profileDir]), canaries);
    recordSecretScan(scan.leaks.length, scan);
    if (process.env.E2E_DEBUG_LEAK) console.log(`    ${profile.profileDir}: ${scan.files} files, ${scan.bytes} bytes, ${canaries.length} values`);
    assert.deepEqual(scan.leaks, [], `Secrets or tokens in the browser profile (${scan.files} files, ${scan.bytes} bytes, ${canaries.length} values):\n${describeLeaks(scan.leaks)}`);
  }

  it('walks the flows that handle secrets and tokens in a browser with a profile on disk: palette, Try It (saved, ad hoc, revealed, hidden and shown, Save as account), a wrong secret, Create Service Account, a reload', async function () {
    this.timeout(15 * 60_000);
    const profile = quitting;
    assert.ok(profile);
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
    await revealSecret(panel);
    await panel.waitForText('request-preview', 'Authorization: Basic');
    await sendAndRemember(panel, 'an ad hoc token shown by Try It (leak check)');
    assert.equal(sandbox.stats.tokensIssued, 2);
    await noteSecretsInSavedFormState(panel, adHocClient.clientSecret, 'ad hoc, shown, after Send');
    // Each flow waits until the page's form state, as it is with the secret typed, is on disk.
    await formStateReachesDisk(panel, profile);

    // Hidden, the page is thrown away (retainContextWhenHidden is off); shown, it is rebuilt without the secret.
    await runCommand(page, 'File: New Untitled Text File');
    await waitUntil(async () => ((await page.locator('iframe.webview').count()) === 0 ? true : undefined),
      () => 'the hidden Try It page to be thrown away');
    await page.getByRole('tab', { name: /Pipefy: Try It/ }).click();
    await panel.el('send').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await panel.el('client-secret').locator('input').inputValue(), '');

    // The saved account's secret, typed ad hoc and shown.
    await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...accountClient, authMode: 'Form body' });
    await revealSecret(panel);
    await sendAndRemember(panel, 'the leak-check account\'s token, shown by Try It for ad hoc values');
    await noteSecretsInSavedFormState(panel, accountClient.clientSecret, 'a saved account\'s secret typed ad hoc, after the panel was hidden and shown');
    await formStateReachesDisk(panel, profile);

    // Save as account: the page lets go of the secret, which goes to SecretStorage.
    await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...saveAsClient });
    await noteSecretsInSavedFormState(panel, saveAsClient.clientSecret, 'before Save as account');
    // The marker goes into the description, which the saved account keeps: it is not a secret.
    await formStateReachesDisk(panel, profile);
    await panel.el('label').locator('input').fill(savedLabel);
    await panel.el('graphql-endpoint').locator('input').fill(sandbox.graphqlEndpoint);
    await panel.el('save-account').click();
    await panel.waitForText('status', `Saved "${savedLabel}"`);
    await sendAndRemember(panel, 'the token of the account saved from Try It (leak check)');
    assert.equal(sandbox.stats.tokensIssued, 3);

    await editAccountFieldThroughPalette(page, label, 'Client secret', wrongSecret, true, true);
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Get Token');
    await waitForNotification(page, /invalid_client/);
    await waitForStatusBarText(page, `${label} · fetch failed`);
    await editAccountFieldThroughPalette(page, label, 'Client secret', accountClient.clientSecret, true);
    await runCommand(page, 'Pipefy: Refresh Token');
    await waitForStatusBarText(page, TIME_LEFT);
    // Every token this sandbox issued is now known (each Send showed the one it got).
    assert.equal(sandbox.stats.tokensIssued, 3);

    // Create Service Account, an admin's account acting: the new secret goes from Pipefy's answer to
    // SecretStorage and nowhere else. The test learns it, and the tokens, from the sandbox alone.
    await addAccountThroughPalette(page, { label: adminLabel, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, ...ADMIN_CLIENT, authMode: 'form' });
    const { client: createdClient } = await createServiceAccountThroughPalette(page, sandbox, { acting: adminLabel, name: createdLabel, lifetime: '1 hour' });
    rememberCanary(createdClient.clientSecret, 'the client secret createServiceAccount returned (leak check)');
    await waitForStatusBarText(page, new RegExp(`^${createdLabel} ${TIME_LEFT.source}`));
    // The sandbox answers with the token a client already holds while it is valid.
    await rememberCurrentSandboxToken('the token of the admin that created an account (leak check)', sandbox, ADMIN_CLIENT);
    await rememberCurrentSandboxToken('the first token of the account created from the editor (leak check)', sandbox, createdClient);
    assert.equal(sandbox.stats.tokensIssued, 5);

    // A reload makes the workbench write its state (the webview's among it) and restore from it.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, 'none');
    const restored = new TryItPanel(page, webviewFrame(page));
    await restored.el('send').waitFor({ timeout: 60_000 });
    // It followed the active account to the one just created, and kept that across the reload.
    await waitUntil(async () => ((await restored.selectedAccountText()).startsWith(createdLabel) ? true : undefined),
      () => `the restored Try It panel to select "${createdLabel}"`);
    await restored.selectAccount('Ad hoc values');
    assert.equal(await restored.el('client-secret').locator('input').inputValue(), '');
    await restored.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...adHocClient });
    await revealSecret(restored);
    await noteSecretsInSavedFormState(restored, adHocClient.clientSecret, 'ad hoc, shown, after a reload');
  });

  it('§4.1 finds none of them in the browser\'s storage, the Try It webview\'s saved state included', async () => {
    const dumps = await waitUntil(async () => {
      const dumped = await dumpBrowserStorage(page);
      return dumped.some((dump) => dump.text.includes(adHocClient.clientId)) ? dumped : undefined;
    }, () => 'the Try It webview state (with the ad hoc client ID) in the browser storage');
    const everything = dumps.map((dump) => dump.text).join('\n');
    // The scan sees what it must: the account metadata (global state) and the webview state.
    assert.ok(everything.includes(accountClient.clientId), `the account metadata is not in the dump of ${dumps.map((dump) => dump.where).join(', ')}`);

    // …and the scan would report a value it holds (the client ID, standing in for a leaked secret).
    assert.ok(scanDumps(dumps, [{ value: accountClient.clientId, origin: 'control' }]).length > 0);
    if (process.env.E2E_DEBUG_LEAK) console.log(dumps.map((dump) => `${dump.where}: ${dump.text.length} chars`).join('\n'));

    const leaks = scanDumps(dumps, runSecrets());
    recordSecretScan(leaks.length);
    assert.deepEqual(leaks, [], `Secrets or tokens in browser storage:\n${describeLeaks(leaks)}`);
  });

  it('§4.1 finds none of them in any file of the browser profile after the browser quit normally (UTF-8, UTF-16LE, base64)', async function () {
    this.timeout(5 * 60_000);
    assert.ok(quitting);
    // The secret is still typed and shown in Try It while the browser writes its session and quits.
    const marker = await formStateReachesDisk(new TryItPanel(page, webviewFrame(page)), quitting);
    await quitting.close();
    scanProfile(quitting, marker);
  });

  it('§4.1 finds none of them in any file of the browser profile after the browser was killed (UTF-8, UTF-16LE, base64)', async function () {
    this.timeout(10 * 60_000);
    killed = await launchChromiumWithProfile(path.join(profilesDir, 'killed'));
    const killedPage = await openWorkbenchInProfile(killed);
    await statusBarItem(killedPage).waitFor({ timeout: 60_000 });
    await addAccountThroughPalette(killedPage, {
      label: `leak-killed-${runId}`,
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...killedAccountClient,
      authMode: 'form',
    });
    // The check before saving got the account a token, which SecretStorage keeps: the scan looks for it too.
    await rememberCurrentSandboxToken('the token the check before saving got (browser that is killed)', sandbox, killedAccountClient);
    const panel = await openTryIt(killedPage);
    await panel.selectAccount('Ad hoc values');
    await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...killedAdHocClient });
    await revealSecret(panel);
    await sendAndRemember(panel, 'an ad hoc token shown by Try It in the browser that is killed');
    assert.equal(sandbox.stats.tokensIssued, 7);
    await noteSecretsInSavedFormState(panel, killedAdHocClient.clientSecret, 'ad hoc, shown, in the browser that is killed');
    const marker = await formStateReachesDisk(panel, killed);
    await killed.kill();
    scanProfile(killed, marker);
  });

  it('§4.1 no control whose value the browser saves as form state held a secret or token in those flows', () => {
    assert.deepEqual(savedFormStateHolders, []);
  });

  it('§4.1 finds none of them in the user-data folder, the logs or the workspace folder', async () => {
    const { codeServer } = e2eSession();
    // The Pipefy log is written to disk in the background; wait until it has this file's flow.
    const pipefyLog = await waitUntil(async () => {
      const logs = listFiles([codeServer.logsDir]).filter(({ file }) => /Pipefy\.log$/.test(file));
      const found = logs.find(({ file }) => fs.readFileSync(file, 'utf8').includes(`Token for "${label}" received`));
      return found?.file;
    }, () => `a Pipefy log under ${codeServer.logsDir} with the leak-check account's token request`);
    const files = sessionFiles();
    assert.ok(files.some(({ file }) => file === pipefyLog));
    assert.ok(files.some(({ file }) => /exthost\d*[\\/]remoteexthost\.log$/.test(file)), 'the extension host log is scanned');

    // The scan would report a value the log holds (the token endpoint, standing in for a secret).
    assert.ok(scanFiles(files, [{ value: sandbox.tokenEndpoint, origin: 'control' }]).some((leak) => leak.where === pipefyLog));

    const canaries = runSecrets();
    const scan = scanFilesCounted(files, canaries);
    recordSecretScan(scan.leaks.length, scan);
    assert.deepEqual(scan.leaks, [], `Secrets or tokens on disk (${scan.files} files, ${scan.bytes} bytes, ${canaries.length} values):\n${describeLeaks(scan.leaks)}`);
  });
});
