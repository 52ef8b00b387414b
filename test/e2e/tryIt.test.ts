import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_CLIENT } from '../fixtures/sandbox';
import { addAccountThroughPalette, editAccountFieldThroughPalette } from './helpers/accounts';
import { rememberCanary, uniqueSecret } from './helpers/leakCanaries';
import { sandboxAccount } from './helpers/sandboxAccount';
import { TIME_LEFT, statusBarBackground, statusBarIcons, waitForStatusBarText } from './helpers/statusBar';
import { runCommand } from './helpers/commandPalette';
import { contrastRatio, parseCssColour } from './helpers/contrast';
import { pickQuickInputItem } from './helpers/quickInput';
import { TryItPanel, assertInViewUnscrolled, box, openTryIt } from './helpers/tryIt';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from './session';

const DEFAULT_LIFETIME_SECONDS = 300;
const SHORT_LIFETIME_SECONDS = 20;

/** Waits until the countdown shows fewer seconds than `than`, and returns what it shows. */
async function countdownBelow(panel: TryItPanel, than: number): Promise<number> {
  let shown = '';
  return waitUntil(async () => {
    shown = await panel.text('countdown');
    const seconds = await panel.countdownSeconds();
    return seconds !== undefined && seconds < than ? seconds : undefined;
  }, () => `the countdown to go below ${than} s; it shows "${shown}"`);
}

/**
 * The Try It panel in one session: Send with a saved account, a token that expires in front of
 * the user, ad hoc values with a wrong secret, and a saved account whose secret is wrong.
 */
describe('The Try It panel', () => {
  let page: Page;
  let panel: TryItPanel;

  before(async () => {
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, sandboxAccount('sandbox'));
    panel = await openTryIt(page);
  });

  after(async () => {
    e2eSession().sandbox.setTokenLifetime(DEFAULT_LIFETIME_SECONDS);
    await closeSuiteWorkbench(page);
  });

  it('opened from the palette, starts on the active account: Send alone gives 200, the token JSON and a countdown that goes down; the status bar follows', async () => {
    const { sandbox } = e2eSession();
    // No pick: the account just added is active, and the panel starts on it.
    assert.equal(await panel.selectedAccountText(), 'sandbox (active)');
    // The preview shows what will go out, with the stored secret redacted and never sent to the page.
    const preview = await panel.waitForText('request-preview', sandbox.tokenEndpoint);
    assert.match(preview, /grant_type=client_credentials/);
    assert.equal(preview.includes(DEMO_CLIENT.clientSecret), false, preview);
    // Before any Send there is no empty response section, only a line saying where it will appear.
    assert.equal(await panel.el('response').isHidden(), true);
    assert.equal(await panel.el('result-placeholder').isVisible(), true);

    const outcome = await panel.send();
    assert.match(outcome, /^200 OK/);
    assert.equal(await panel.text('response-status'), '200 OK');
    assert.equal(await panel.el('result-placeholder').isHidden(), true);
    // Wide enough here: the result sits to the right of the form, with the countdown in view unscrolled.
    const form = await box(panel.el('request-form'));
    const result = await box(panel.el('result'));
    assert.ok(result.x >= form.x + form.width, `the result (x ${result.x}) is not to the right of the form (x ${form.x}, width ${form.width})`);
    await assertInViewUnscrolled(panel, 'countdown');
    await assertInViewUnscrolled(panel, 'response-status');
    const body = await panel.responseJson();
    assert.equal(typeof body.access_token, 'string');
    rememberCanary(body.access_token as string, 'a token shown by Try It (sandbox)');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(typeof body.expires_in, 'number');
    assert.match(await panel.text('response-headers'), /cache-control\s*no-store/i);

    const first = await panel.countdownSeconds();
    assert.ok(first !== undefined && first > 0 && first <= DEFAULT_LIFETIME_SECONDS, await panel.text('countdown'));
    await countdownBelow(panel, first);
    // A fresh 5-minute token is calm, here and in the status bar: the warning waits for its last minute.
    assert.equal(await panel.el('countdown').getAttribute('data-urgency'), 'ok');
    assert.equal(await panel.el('expired').isHidden(), true);

    const status = await waitForStatusBarText(page, TIME_LEFT);
    assert.match(status, /^sandbox · /);
    assert.equal(await statusBarBackground(page), undefined);
  });

  it('a token that expires while shown: the panel says so, and "Get a new token" fetches a new one', async () => {
    const { sandbox } = e2eSession();
    // The counter is the run's (other suites send expired tokens on purpose); this test adds none.
    const expiredBefore = sandbox.stats.expiredTokenRequests;
    // 20 seconds: calm for 16, the warning colour in the last 4 (20% of the lifetime), then expired.
    sandbox.setTokenLifetime(SHORT_LIFETIME_SECONDS);
    sandbox.expireTokens();
    assert.match(await panel.send(), /^200 OK/);
    const shortLived = (await panel.responseJson()).access_token as string;
    rememberCanary(shortLived, 'a short-lived token shown by Try It (sandbox)');
    assert.equal(await panel.el('countdown').getAttribute('data-urgency'), 'ok', await panel.text('countdown'));

    await waitUntil(async () => ((await panel.el('countdown').getAttribute('data-urgency')) === 'warning' ? true : undefined),
      () => 'the countdown to turn to the warning colour');
    await waitUntil(async () => ((await statusBarBackground(page)) === 'warning' ? true : undefined), () => 'the status bar to turn to the warning background');
    await panel.el('expired').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await panel.text('countdown'), 'expired');
    assert.equal(await panel.el('countdown').getAttribute('data-urgency'), 'expired');
    await waitForStatusBarText(page, 'sandbox · expired');

    sandbox.setTokenLifetime(DEFAULT_LIFETIME_SECONDS);
    const issued = sandbox.stats.tokensIssued;
    assert.match(await panel.send('get-new-token'), /^200 OK/);
    const fresh = (await panel.responseJson()).access_token as string;
    rememberCanary(fresh, 'a token shown by Try It after "Get a new token" (sandbox)');
    assert.notEqual(fresh, shortLived);
    assert.equal(sandbox.stats.tokensIssued, issued + 1);
    assert.equal(await panel.el('expired').isHidden(), true);
    assert.ok(((await panel.countdownSeconds()) ?? 0) > 60, await panel.text('countdown'));
    await waitForStatusBarText(page, TIME_LEFT);
    assert.equal(sandbox.stats.expiredTokenRequests, expiredBefore);
  });

  it('ad hoc values with a wrong secret: 401 invalid_client, what went wrong and what to do', async () => {
    const { sandbox } = e2eSession();
    const wrong = uniqueSecret('ad-hoc-wrong-secret');
    rememberCanary(wrong, 'a wrong client secret typed ad hoc in Try It');
    await panel.selectAccount('Ad hoc values');
    await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, clientId: DEMO_CLIENT.clientId, clientSecret: wrong, authMode: 'HTTP Basic' });
    // The preview follows the typed values, the secret redacted.
    const preview = await panel.waitForText('request-preview', /Authorization: Basic/i);
    assert.equal(preview.includes(wrong), false);

    const outcome = await panel.send();
    assert.match(outcome, /^Failed: .*invalid_client/);
    assert.equal(await panel.text('response-status'), '401 Unauthorized');
    assert.equal(await panel.el('error').isVisible(), true);
    const message = await panel.text('error-message');
    assert.match(message, /401 invalid_client/);
    const hint = await panel.text('error-hint');
    assert.match(hint, /client ID/);
    assert.match(hint, /client secret/);
    assert.match(hint, /create a new secret/);
    // The cause and the fix are said once, in the banner; beside Send only the outcome.
    assert.match(await panel.text('status'), /^Failed \(401 Unauthorized in \d+ ms\)\.$/);
    const shown = await panel.frame.locator('body').innerText();
    assert.equal(shown.split(message).length - 1, 1, `the message shows more than once:\n${shown}`);
    assert.equal(shown.split(hint).length - 1, 1, `the hint shows more than once:\n${shown}`);
    await assertInViewUnscrolled(panel, 'error-message');
    // Credentials that just failed are not offered for saving; a changed secret is.
    assert.equal(await panel.el('save').isHidden(), true);
    await panel.el('client-secret').locator('input').fill(`${wrong}-changed`);
    await panel.el('save').waitFor({ state: 'visible' });
    assert.equal((await panel.text('request-sent')).includes(wrong), false);
    // Ad hoc values touch nothing saved: the account's token and the status bar are as they were.
    assert.match(await waitForStatusBarText(page, TIME_LEFT), /^sandbox · /);
  });

  it('a saved account whose secret is wrong: the panel explains, the status bar shows the error state', async () => {
    const wrong = uniqueSecret('saved-wrong-secret');
    rememberCanary(wrong, 'a wrong client secret saved through Edit Service Account (Try It test)');
    // Saved anyway past the check's refusal, as a user might for an endpoint that seemed down.
    await editAccountFieldThroughPalette(page, 'sandbox', 'Client secret', wrong, false, true);
    await waitForStatusBarText(page, 'sandbox · no token');

    await panel.selectAccount('sandbox');
    const outcome = await panel.send();
    assert.match(outcome, /^Failed: .*invalid_client/);
    assert.match(await panel.text('error-message'), /invalid_client/);
    assert.match(await panel.text('error-hint'), /client ID, the client secret/);
    await waitForStatusBarText(page, 'sandbox · fetch failed');
    assert.deepEqual(await statusBarIcons(page), ['warning']);
    assert.equal(await statusBarBackground(page), 'error');
  });

  it('in a light theme, the warning colour of the countdown reads at 4.5:1 or more on the page', async () => {
    await runCommand(page, 'Preferences: Color Theme');
    await pickQuickInputItem(page, /^Light Modern$/, 'Light Modern');
    await panel.frame.locator('body.vscode-light').waitFor({ timeout: 30_000 });
    // The style the page gives a warning, read in the same task that sets it, before the next tick redraws.
    const colours = await panel.el('countdown').evaluate((element) => {
      // The page's globals, typed here: the tests compile without the DOM library.
      const page = globalThis as unknown as { getComputedStyle(node: unknown): { color: string; backgroundColor: string }; document: { body: unknown } };
      const before = element.getAttribute('data-urgency');
      element.setAttribute('data-urgency', 'warning');
      const foreground = page.getComputedStyle(element).color;
      element.setAttribute('data-urgency', before ?? '');
      return { foreground, background: page.getComputedStyle(page.document.body).backgroundColor };
    });
    const ratio = contrastRatio(parseCssColour(colours.foreground), parseCssColour(colours.background));
    assert.ok(ratio >= 4.5, `${colours.foreground} on ${colours.background}: ${ratio.toFixed(2)}:1`);
    await runCommand(page, 'Preferences: Color Theme');
    await pickQuickInputItem(page, /^Dark Modern$/, 'Dark Modern');
  });
});
