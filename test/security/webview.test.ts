import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../fixtures/sandbox';
import { startRecordingServer, type RecordingServer } from '../fixtures/servers/recordingServer';
import { addAccountThroughPalette } from '../e2e/helpers/accounts';
import { runCommand } from '../e2e/helpers/commandPalette';
import { rememberCanary, uniqueSecret } from '../e2e/helpers/leakCanaries';
import { dumpBrowserStorage, listFiles, scanDumps } from '../e2e/helpers/secretScan';
import { openTryIt, type TryItPanel } from '../e2e/helpers/tryIt';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from '../e2e/session';
import { watchSandbox, watchServer } from './figures';
import {
  accountOptions,
  attemptBlockedLoads,
  callInFrame,
  contentSecurityPolicy,
  hostSourceAllows,
  pageAssetUrls,
  pageText,
  postAsWebview,
  probeExtensionFiles,
  receivedMessages,
  recordReceivedMessages,
  tryItFrames,
  violationsSoFar,
} from './helpers/webviewProbes';

/** The resource CDN hosts of `webview.cspSource` in VS Code 1.100, which serve localResourceRoots only. */
const WEBVIEW_RESOURCE_HOSTS = 'https://*.vscode-cdn.net';

/** Adds a stylesheet link to the page; resolves 'loaded' or 'refused'. */
const LINK_STYLESHEET = String.raw`(href) => new Promise((resolve) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.onload = () => resolve('loaded');
  link.onerror = () => resolve('refused');
  document.head.appendChild(link);
})`;

const REJECTED = /Try It: rejected a malformed message from the webview \((.*)\)\.\s*$/;

/**
 * The webview rules (4.5) and a malformed message from the webview (5.webview.message) of
 * docs/security-rules.md, proven in the real workbench
 * through the Try It panel: the CSP it is served with and what that CSP stops, what VS Code's
 * resource loader lets it read, what the host does with forged messages, and that a saved secret
 * never reaches it.
 */
describe('The Try It webview', () => {
  // Unique to the run, so the account, its log lines and its secret cannot be another suite's.
  const label = `webview-${globalThis.crypto.randomUUID().slice(0, 8)}`;
  const client = { clientId: `webview-client-${globalThis.crypto.randomUUID()}`, clientSecret: uniqueSecret('webview-saved-secret') };
  let sandbox: Sandbox;
  let foreign: RecordingServer;
  let page: Page;
  let panel: TryItPanel;

  before(async () => {
    rememberCanary(client.clientSecret, 'the client secret of the webview suite\'s account');
    sandbox = watchSandbox('the webview suite\'s sandbox', await startSandbox({ clients: [client] }));
    foreign = watchServer('an origin the Try It page must never reach', await startRecordingServer(), { foreign: true });
    page = await openSuiteWorkbench();
    panel = await openTryIt(page);
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    await sandbox?.close();
    await foreign?.close();
  });

  /** The nonce of the page's script-src, after checking the directive allows nothing else. */
  function nonceOf(policy: Map<string, string[]>): string {
    const scriptSources = policy.get('script-src') ?? [];
    assert.equal(scriptSources.length, 1, `script-src must allow the nonce only: ${scriptSources.join(' ')}`);
    const nonce = /^'nonce-(.+)'$/.exec(scriptSources[0])?.[1];
    assert.ok(nonce, `script-src is not a nonce: ${scriptSources[0]}`);
    return nonce;
  }

  let accountAdded: Promise<void> | undefined;
  /** The suite's saved account, added through the palette by whichever test needs it first. */
  function addSuiteAccount(): Promise<void> {
    accountAdded ??= addAccountThroughPalette(page, {
      label,
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...client,
      authMode: 'form',
    });
    return accountAdded;
  }

  /** Closes every editor (the panel is thrown away) and opens Try It again. */
  async function reopenTryIt(): Promise<TryItPanel> {
    await runCommand(page, 'View: Close All Editors');
    await waitUntil(async () => ((await page.locator('iframe.webview').count()) === 0 ? true : undefined),
      () => 'the Try It webview to go away after closing every editor');
    return openTryIt(page);
  }

  it('§4.5a the CSP is default-src \'none\', scripts by a fresh random nonce, styles, fonts and images from the webview resource host only', async () => {
    const { content } = await tryItFrames(panel);
    const policy = await contentSecurityPolicy(content);
    // Exactly these directives: anything not named (connect-src, frame-src, …) falls to 'none'.
    assert.deepEqual([...policy.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    const nonce = nonceOf(policy);
    // 18 random bytes in base64; at least 128 bits either way.
    assert.match(nonce, /^[A-Za-z0-9+/]+={0,2}$/);
    assert.ok(Buffer.from(nonce, 'base64').length >= 16, `the nonce is too short to be unguessable: ${nonce.length} characters`);

    // Styles, fonts and images: the CDN host VS Code's resource loader answers for, and nothing
    // more. Not 'self', which `webview.cspSource` also names: here the webview's own origin is
    // code-server's, which serves any file it can read (see the §4.5b test).
    const extensionSources = policy.get('style-src') ?? [];
    assert.deepEqual(extensionSources, [WEBVIEW_RESOURCE_HOSTS]);
    assert.deepEqual(policy.get('font-src'), extensionSources);
    assert.deepEqual(policy.get('img-src'), extensionSources);
    const assets = await pageAssetUrls(content);
    assert.equal(assets.stylesheets.length, 2, assets.stylesheets.join('\n'));
    assert.equal(assets.scripts.length, 1, assets.scripts.join('\n'));
    // The page's own files come from the resource host, and that host is not a local server's.
    for (const url of [...assets.stylesheets, ...assets.scripts]) assert.ok(hostSourceAllows(WEBVIEW_RESOURCE_HOSTS, url), `${WEBVIEW_RESOURCE_HOSTS} does not cover the page's own ${url}`);
    assert.equal(hostSourceAllows(WEBVIEW_RESOURCE_HOSTS, foreign.origin), false);

    // A new panel gets a new nonce, and its page works.
    panel = await reopenTryIt();
    const reopened = await contentSecurityPolicy((await tryItFrames(panel)).content);
    assert.notEqual(nonceOf(reopened), nonce, 'two openings of the panel share a nonce');
    assert.deepEqual(reopened.get('style-src'), extensionSources);
  });

  it('§4.5a the CSP holds in the page: an injected inline script does not run, nothing loads from another origin', async () => {
    const { content } = await tryItFrames(panel);
    const nonce = nonceOf(await contentSecurityPolicy(content));
    const outcomes = await attemptBlockedLoads(content, foreign.origin, nonce);

    // The control: the injection works, and a script with the page's nonce runs.
    assert.equal(outcomes.ranWithNonce, true, 'the control script with the page\'s nonce did not run: the probe proves nothing');
    assert.equal(outcomes.ranWithoutNonce, false, 'an inline script without a nonce ran');
    assert.equal(outcomes.ranWithGuessedNonce, false, 'an inline script with a guessed nonce ran');
    assert.equal(outcomes.inlineStyleApplied, false, 'an inline <style> was applied');
    assert.deepEqual(outcomes.loads, { script: 'refused', image: 'refused', stylesheet: 'refused', fetch: 'refused' });

    // Positive evidence: the browser reports each one as stopped by the policy.
    const expected = [
      { directive: 'script-src-elem', blocked: 'inline' },
      { directive: 'script-src-elem', blocked: `${foreign.origin}/probe.js` },
      { directive: 'img-src', blocked: `${foreign.origin}/probe.png` },
      { directive: 'style-src-elem', blocked: `${foreign.origin}/probe.css` },
      { directive: 'connect-src', blocked: `${foreign.origin}/probe-fetch` },
      { directive: 'style-src-elem', blocked: 'inline' },
    ];
    let seen: Array<{ directive: string; blocked: string }> = [];
    await waitUntil(async () => {
      seen = await violationsSoFar(content);
      return expected.every((want) => seen.some((got) => got.directive === want.directive && got.blocked === want.blocked)) ? true : undefined;
    }, () => `a securitypolicyviolation for each of ${JSON.stringify(expected)}; seen ${JSON.stringify(seen)}`);
    assert.deepEqual(foreign.requests.map((request) => `${request.method} ${request.path}`), []);
  });

  it('the page the webview builds keeps the secret out of saved form state and labels its fields', async () => {
    const { content } = await tryItFrames(panel);
    const built = await callInFrame<{
      secret: { type: string; autocomplete: string; label: string | null; labelledBy: string[]; formAssociatedAncestors: string[] } | null;
      unlabelled: string[];
      passwordTextfields: number;
      duplicateIds: string[];
    }>(content, String.raw`() => {
      const input = document.getElementById('client-secret-input');
      const ancestors = [];
      for (let node = input && input.parentElement; node; node = node.parentElement) {
        if (node.constructor.formAssociated) ancestors.push(node.localName);
      }
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
      return {
        secret: input && {
          type: input.type,
          autocomplete: input.getAttribute('autocomplete'),
          label: input.getAttribute('aria-label'),
          labelledBy: [...document.querySelectorAll('vscode-label')].filter((label) => label.getAttribute('for') === input.id).map((label) => label.textContent.trim()),
          formAssociatedAncestors: ancestors,
        },
        unlabelled: [...document.querySelectorAll('vscode-textfield, vscode-single-select')].filter((field) => !field.getAttribute('aria-label')).map((field) => field.id),
        passwordTextfields: document.querySelectorAll('vscode-textfield[type="password"]').length,
        duplicateIds: ids.filter((id, index) => ids.indexOf(id) !== index),
      };
    }`);
    // A native field with autocomplete off is left out of the form state Chromium writes to disk;
    // a toolkit field (form-associated) hands its value to the browser whatever it says.
    assert.deepEqual(built.secret, { type: 'password', autocomplete: 'off', label: 'Client secret', labelledBy: ['Client secret'], formAssociatedAncestors: [] });
    assert.equal(built.passwordTextfields, 0);
    assert.deepEqual(built.unlabelled, []);
    assert.deepEqual(built.duplicateIds, []);
  });

  it('§4.5b VS Code\'s resource loader serves the page the built assets only, not the extension\'s other files', async () => {
    const { content } = await tryItFrames(panel);
    const { stylesheets } = await pageAssetUrls(content);
    const ownStylesheet = stylesheets.find((url) => new URL(url).pathname.endsWith('/media/tryIt.css'));
    assert.ok(ownStylesheet, stylesheets.join('\n'));
    // The installed extension's folder, as the page addresses it.
    const extensionRoot = ownStylesheet.slice(0, ownStylesheet.length - 'media/tryIt.css'.length);

    // The manifest, the docs, the extension host's bundle (in dist/, next to dist/webview/),
    // escaped and dot-dot paths out of media/, and the folder above the extension.
    const outsidePaths = [
      'package.json',
      'readme.md',
      'changelog.md',
      'dist/extension.js',
      'media/..%2fpackage.json',
      'media/%2e%2e/package.json',
      '../extensions.json',
    ];
    const probes = await probeExtensionFiles(page, content, extensionRoot, ['media/tryIt.css', 'dist/webview/tryIt.js', 'media/no-such-file.css', ...outsidePaths]);
    const seen = (path: string) => probes.find((probe) => probe.path === path);
    // Controls: the page's own stylesheet and bundle load (the probe does not depend on the file
    // type); a missing file under the roots is "not found", so the 401s below are refusals.
    assert.deepEqual(seen('media/tryIt.css'), { path: 'media/tryIt.css', outcome: 'loaded', status: 200 });
    assert.deepEqual(seen('dist/webview/tryIt.js'), { path: 'dist/webview/tryIt.js', outcome: 'loaded', status: 200 });
    assert.deepEqual(seen('media/no-such-file.css'), { path: 'media/no-such-file.css', outcome: 'refused', status: 404 });
    const outside = probes.filter((probe) => outsidePaths.includes(probe.path));
    assert.equal(outside.length, outsidePaths.length);
    assert.deepEqual(outside.filter((probe) => probe.outcome !== 'refused' || probe.status !== 401), [],
      'files outside dist/webview and media were not refused with 401 by the webview resource loader');

    // The other way in: the server's own resource route, on the webview's own origin (code-server's),
    // which serves any file the server can read. The CSP does not name that origin, so it is refused.
    const onDisk = decodeURIComponent(new URL(extensionRoot).pathname);
    const serverOrigin = (await content.evaluate('location.origin')) as string;
    const serverRoute = `${serverOrigin}/vscode-remote-resource?path=${encodeURIComponent(`${onDisk}package.json`)}`;
    assert.equal(await callInFrame<string>(content, LINK_STYLESHEET, serverRoute), 'refused');
    // (The violation listener is the one the CSP test above installed in this page.)
    await waitUntil(async () => ((await violationsSoFar(content)).some((violation) => violation.blocked.startsWith(serverOrigin)) ? true : undefined),
      () => `a securitypolicyviolation for ${serverRoute}`);
  });

  it('§4.5d a saved account\'s secret never reaches the page: not in its DOM, its messages or its saved state', async () => {
    let { content } = await tryItFrames(panel);
    // From before the account exists: the `accounts` update that announces it is recorded too.
    await recordReceivedMessages(content);
    await addSuiteAccount();
    await panel.selectAccount(label);
    const accountId = (await accountOptions(content)).find((option) => option.text.startsWith(label))?.value;
    assert.ok(accountId);

    // The form shows that a secret is set, never the secret.
    assert.equal(await panel.el('client-secret').locator('input').inputValue(), '');
    assert.equal(await panel.el('client-secret').locator('input').getAttribute('placeholder'), 'stored');
    assert.equal(await panel.text('client-secret-helper'), 'Stored in VS Code\'s SecretStorage; it is never shown here.');
    // A Send with it works: the host used the secret without handing it over.
    assert.match(await panel.send(), /^200 OK/);
    rememberCanary((await panel.responseJson()).access_token as string, 'a token shown by Try It (webview suite)');

    const messages = await receivedMessages(content);
    // Controls: the recorder heard the account announced and the result of the Send.
    assert.ok(messages.some((message) => message.includes(client.clientId) && message.includes('"hasSecret":true')), `no message announced the account:\n${messages.join('\n')}`);
    assert.ok(messages.some((message) => message.includes('"type":"result"')), 'no result message was recorded');
    assert.deepEqual(messages.filter((message) => message.includes(client.clientSecret)).map((message) => message.slice(0, 80)), []);

    let text = await pageText(content);
    // Control: form values are read, from inside the vscode-textfield shadow roots too.
    assert.ok(text.values.includes(client.clientId), 'the dump holds no form value');
    assert.equal(text.html.includes(client.clientSecret), false, 'the page\'s markup holds the secret');
    assert.equal(text.values.some((value) => value.includes(client.clientSecret)), false, 'a form field holds the secret');

    // Hidden and shown again, the page is rebuilt from the state it saved (retainContextWhenHidden
    // is off): VS Code hands that state back inside the page, in its #_vscodeApiScript.
    await runCommand(page, 'File: New Untitled Text File');
    await waitUntil(async () => ((await page.locator('iframe.webview').count()) === 0 ? true : undefined),
      () => 'the hidden Try It page to be thrown away');
    await page.getByRole('tab', { name: /Pipefy: Try It/ }).click();
    await panel.el('send').waitFor({ state: 'visible', timeout: 30_000 });
    await waitUntil(async () => ((await panel.selectedAccountText()).startsWith(label) ? true : undefined),
      () => `the restored page to select "${label}"`);
    content = (await tryItFrames(panel)).content;
    text = await pageText(content);
    const savedState = await callInFrame<string>(content, `() => document.getElementById('_vscodeApiScript')?.textContent ?? ''`);
    assert.ok(savedState.includes(accountId), 'the page\'s saved state (which holds the selected account) is not in the rebuilt page');
    assert.equal(text.html.includes(client.clientSecret), false, 'the rebuilt page or its saved state holds the secret');
    assert.equal(text.values.some((value) => value.includes(client.clientSecret)), false, 'a form field of the rebuilt page holds the secret');
    assert.equal(await panel.el('client-secret').locator('input').inputValue(), '');

    // Browser storage, where the workbench keeps its state and the webview's: the account is
    // described there (the control), its secret is not.
    const dumps = await waitUntil(async () => {
      const dumped = await dumpBrowserStorage(page);
      return dumped.some((dump) => dump.text.includes(client.clientId)) ? dumped : undefined;
    }, () => 'the account\'s metadata in the workbench\'s browser storage');
    assert.deepEqual(scanDumps(dumps, [{ value: client.clientSecret, origin: 'the saved account\'s secret' }]), []);
  });

  it('§4.5c §5.webview.message forged and malformed messages are rejected, logged, and change nothing; the panel still works', async () => {
    await addSuiteAccount();
    const { content, host } = await tryItFrames(panel);
    const accountId = await waitUntil(async () => (await accountOptions(content)).find((option) => option.text.startsWith(label))?.value,
      () => `the "${label}" account in the dropdown`);
    const pipefyLog = await waitUntil(async () => listFiles([e2eSession().codeServer.logsDir])
      .map(({ file }) => file)
      .find((file) => /Pipefy\.log$/.test(file) && fs.readFileSync(file, 'utf8').includes(`Service account "${label}" added`)),
      () => `the Pipefy log of this window, with "${label}" added`);
    const rejectedSoFar = () => fs.readFileSync(pipefyLog, 'utf8').split('\n').flatMap((line) => REJECTED.exec(line)?.[1] ?? []);

    // The control: a well-formed message forged the same way reaches the host and is acted on.
    const postsBefore = sandbox.stats.tokenPosts;
    await panel.el('status').evaluate((element) => element.setAttribute('data-outcome', 'awaiting-test'));
    await postAsWebview(host, JSON.stringify([{ type: 'send', target: { kind: 'account', accountId } }]));
    await waitUntil(async () => ((await panel.el('status').getAttribute('data-outcome')) === 'success' ? true : undefined),
      () => 'the forged well-formed Send to finish');
    assert.equal(sandbox.stats.tokenPosts, postsBefore + 1);

    // Each one is otherwise well formed, with one defect, and would act if the check were lax:
    // a token request to the foreign server, or an account saved.
    const forgedSecret = uniqueSecret('forged-secret');
    rememberCanary(forgedSecret, 'a client secret in a malformed message forged from the Try It page');
    const adHoc = { kind: 'adhoc', tokenEndpoint: `${foreign.origin}/oauth/token`, clientId: 'forged-client', authMode: 'form', clientSecret: forgedSecret };
    const draft = {
      label: 'forged', description: 'forged', tokenEndpoint: `${foreign.origin}/oauth/token`, graphqlEndpoint: `${foreign.origin}/graphql`,
      clientId: 'forged-client', authMode: 'form', clientSecret: forgedSecret,
    };
    const forged: Array<[unknown, string]> = [
      [{ type: 'evil', target: adHoc }, 'an unknown type'],
      [{ type: '__proto__' }, 'an unknown type'],
      [{ type: 'toString' }, 'an unknown type'],
      [{ type: 7 }, 'an object without a type'],
      [{ target: adHoc }, 'an object without a type'],
      [{ type: 'send' }, 'type "send"'],
      [{ type: 'send', target: { kind: 'account', accountId, extra: true } }, 'type "send"'],
      [{ type: 'send', target: adHoc, followRedirects: true }, 'type "send"'],
      [{ type: 'send', target: { ...adHoc, tokenEndpoint: 42 } }, 'type "send"'],
      [{ type: 'send', target: { ...adHoc, tokenEndpoint: [adHoc.tokenEndpoint] } }, 'type "send"'],
      [{ type: 'send', target: { ...adHoc, kind: 'account' } }, 'type "send"'],
      [{ type: 'send', target: { ...adHoc, clientSecret: 'x'.repeat(1_000_000) } }, 'type "send"'],
      [{ type: 'preview', target: { kind: 'account' } }, 'type "preview"'],
      [{ type: 'saveAccount', draft: { ...draft, clientSecret: 42 } }, 'type "saveAccount"'],
      [{ type: 'saveAccount', draft: { ...draft, authMode: 'none' } }, 'type "saveAccount"'],
      [{ type: 'saveAccount', draft: { ...draft, hasSecret: true } }, 'type "saveAccount"'],
      [{ type: 'saveAccount', draft: { ...draft, description: 'd'.repeat(1_000_000) } }, 'type "saveAccount"'],
      [{ type: 'saveAccount', draft: null }, 'type "saveAccount"'],
      [{ type: 'copy', what: 'clientSecret' }, 'type "copy"'],
      [{ type: 'showLogs', reveal: true }, 'type "showLogs"'],
      [null, 'a null value'],
      [[{ type: 'ready' }], 'an array'],
      ['ready', 'a string value'],
      [42, 'a number value'],
      [true, 'a boolean value'],
    ];
    // A `__proto__` key, as JSON.parse in the page makes it: an own property, not a prototype.
    const messagesJson = JSON.stringify(forged.map(([message]) => message)).replace(/\]$/, ',{"type":"cancel","__proto__":{"polluted":true}}]');
    const expected = [...forged.map(([, description]) => description), 'type "cancel"'];

    const accountsBefore = await accountOptions(content);
    const rejectedBefore = rejectedSoFar().length;
    await postAsWebview(host, messagesJson);
    // The log is written in the background; one line per message, in the order they were sent.
    const rejected = await waitUntil(async () => {
      const lines = rejectedSoFar().slice(rejectedBefore);
      return lines.length >= expected.length ? lines : undefined;
    }, () => `${expected.length} "rejected a malformed message" lines in ${pipefyLog}; found ${rejectedSoFar().length - rejectedBefore}`, 60_000);
    assert.deepEqual(rejected, expected);
    const log = fs.readFileSync(pipefyLog, 'utf8');
    assert.equal(log.includes(forgedSecret), false, 'the log holds a secret from a rejected message');
    assert.equal(log.includes('x'.repeat(1000)), false, 'the log holds the huge value of a rejected message');

    // Nothing happened: no token request anywhere, no account saved.
    assert.equal(sandbox.stats.tokenPosts, postsBefore + 1);
    assert.deepEqual(foreign.requests.map((request) => `${request.method} ${request.path}`), []);
    assert.deepEqual(await accountOptions(content), accountsBefore);

    // The panel still works: a Send from its own button gets its 200.
    assert.match(await panel.send(), /^200 OK/);
    assert.equal(sandbox.stats.tokenPosts, postsBefore + 2);
    assert.equal(rejectedSoFar().length, rejectedBefore + expected.length, 'a well-formed message from the page was rejected');
  });
});
