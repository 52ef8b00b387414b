import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addAccountThroughPalette, editAccountFieldThroughPalette } from './helpers/accounts';
import { runCommand } from './helpers/commandPalette';
import { rememberCanary, uniqueSecret } from './helpers/leakCanaries';
import { clearNotifications, waitForNotification } from './helpers/notifications';
import { closeQuickInput, quickInputItems, waitForQuickInput } from './helpers/quickInput';
import { rememberCurrentSandboxToken, sandboxAccount } from './helpers/sandboxAccount';
import { TIME_LEFT, parseTimeLeft, statusBarBackground, statusBarIcons, statusBarItem, statusBarText, waitForStatusBarText } from './helpers/statusBar';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from './session';

/** The sandbox's default token lifetime (startSandbox's), put back after the tests that shorten it. */
const DEFAULT_LIFETIME_SECONDS = 300;

/**
 * The token indicator through one session: Get Token, expiry and Refresh Token, Clear Token, and
 * a failing fetch, all from the command palette, read off the status bar as the user sees it.
 */
describe('The token indicator in the status bar', () => {
  let page: Page;

  before(async () => {
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, sandboxAccount('sandbox'));
    // The token the check before saving got is kept; this file starts from no token.
    await runCommand(page, 'Pipefy: Clear Token');
    await waitForStatusBarText(page, 'sandbox · no token');
  });

  after(async () => {
    e2eSession().sandbox.setTokenLifetime(DEFAULT_LIFETIME_SECONDS);
    await closeSuiteWorkbench(page);
  });

  it('Get Token: shows the account and the time left, counting down; a click offers the token actions', async () => {
    assert.equal(await statusBarBackground(page), undefined);
    await runCommand(page, 'Pipefy: Get Token');
    await waitForNotification(page, 'token for "sandbox" ready');
    const first = await waitForStatusBarText(page, TIME_LEFT);
    assert.match(first, /^sandbox · /);
    assert.deepEqual(await statusBarIcons(page), ['key']);
    // A fresh 5-minute token is calm: the warning background waits for its last minute.
    assert.equal(await statusBarBackground(page), undefined);

    const firstSeconds = parseTimeLeft(first) ?? NaN;
    assert.ok(firstSeconds > 0 && firstSeconds <= DEFAULT_LIFETIME_SECONDS, first);
    let later = first;
    await waitUntil(async () => {
      later = await statusBarText(page);
      const seconds = parseTimeLeft(later);
      return seconds !== undefined && seconds < firstSeconds ? true : undefined;
    }, () => `the time left to go down from "${first}"; it shows "${later}"`);

    // The tooltip has the details: the account, its token endpoint, the expiry in local time.
    await statusBarItem(page).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Pipefy token' }).first();
    await hover.waitFor();
    const tooltip = await hover.innerText();
    for (const expected of ['sandbox', e2eSession().sandbox.tokenEndpoint, 'Expires', 'Obtained']) assert.ok(tooltip.includes(expected), `"${expected}" missing from the tooltip:\n${tooltip}`);

    await statusBarItem(page).click();
    await waitForQuickInput(page, 'Pipefy · sandbox');
    const actions = await waitUntil(async () => {
      const items = await quickInputItems(page);
      return items.length > 0 ? items : undefined;
    }, () => 'the token actions to be listed');
    for (const action of ['Get token', 'Refresh token', 'Copy token', 'Open Try It', 'Switch service account', 'Clear token']) {
      assert.ok(actions.some((item) => item.endsWith(action)), `"${action}" missing from ${JSON.stringify(actions)}`);
    }
    await closeQuickInput(page);
    await rememberCurrentSandboxToken('a token from Get Token (status bar test)');
  });

  it('Refresh Token after the token expired gets a new one; no request ever carried an expired token', async () => {
    const { sandbox } = e2eSession();
    // The counter is the run's (other suites send expired tokens on purpose); this test adds none.
    const expiredBefore = sandbox.stats.expiredTokenRequests;
    // Make the sandbox mint a short-lived token; the one the extension holds stays valid on its side.
    sandbox.setTokenLifetime(5);
    sandbox.expireTokens();
    await runCommand(page, 'Pipefy: Refresh Token');
    // Seconds left, or already none on a slow machine: either way, the short-lived token is in use.
    await waitForStatusBarText(page, /^sandbox · (00:0\d|expired)$/);
    await rememberCurrentSandboxToken('a short-lived token from Refresh Token (status bar test)');

    // The status bar counts down to zero on its own and says so.
    await waitForStatusBarText(page, 'sandbox · expired');
    assert.equal(await statusBarBackground(page), 'error');

    sandbox.setTokenLifetime(DEFAULT_LIFETIME_SECONDS);
    // Remembering the short-lived token above may have minted one that lives a moment longer.
    sandbox.expireTokens();
    const before = { ...sandbox.stats };
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Refresh Token');
    await waitForNotification(page, 'token for "sandbox" ready');
    const shown = await waitForStatusBarText(page, TIME_LEFT);
    assert.ok((parseTimeLeft(shown) ?? 0) > 60, shown);
    // One request to the endpoint, which issued a new token.
    assert.equal(sandbox.stats.tokenPosts, before.tokenPosts + 1);
    assert.equal(sandbox.stats.tokensIssued, before.tokensIssued + 1);
    assert.equal(sandbox.stats.expiredTokenRequests, expiredBefore);
    await rememberCurrentSandboxToken('a token from Refresh Token after expiry (status bar test)');
  });

  it('Clear Token returns the indicator to its no-token state', async () => {
    await runCommand(page, 'Pipefy: Clear Token');
    await waitForNotification(page, 'token for "sandbox" cleared');
    await waitForStatusBarText(page, 'sandbox · no token');
    assert.equal(await statusBarBackground(page), undefined);
    assert.deepEqual(await statusBarIcons(page), ['key']);
  });

  it('a wrong client secret: the error state, with what to do; the next success clears it', async () => {
    const wrong = uniqueSecret('wrong-secret');
    rememberCanary(wrong, 'a wrong client secret typed in Edit Service Account (status bar test)');
    // Saved past the check's refusal (Save Anyway), so the token request after it fails.
    await editAccountFieldThroughPalette(page, 'sandbox', 'Client secret', wrong, false, true);

    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Get Token');
    const error = await waitForNotification(page, /invalid_client/);
    assert.match(error, /client ID/);
    assert.match(error, /client secret/);
    await waitForStatusBarText(page, 'sandbox · fetch failed');
    assert.deepEqual(await statusBarIcons(page), ['warning']);
    assert.equal(await statusBarBackground(page), 'error');

    await editAccountFieldThroughPalette(page, 'sandbox', 'Client secret', sandboxAccount('sandbox').clientSecret);
    await runCommand(page, 'Pipefy: Get Token');
    await waitForStatusBarText(page, TIME_LEFT);
    assert.deepEqual(await statusBarIcons(page), ['key']);
    assert.notEqual(await statusBarBackground(page), 'error');
  });
});
