import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addAccountThroughPalette } from './helpers/accounts';
import { clearNotifications, waitForNotification } from './helpers/notifications';
import { rememberCanary } from './helpers/leakCanaries';
import { sandboxAccount } from './helpers/sandboxAccount';
import { clickRunLens, editorGroup, waitForEditorText, waitForLenses } from './helpers/savedRequests';
import { TIME_LEFT, statusBarItem, waitForStatusBarText } from './helpers/statusBar';
import { assertInView, box, openTryIt } from './helpers/tryIt';
import { closeSuiteWorkbench, openSuiteWorkbench } from './session';

/**
 * The README's "Quick start", exactly as written, from the state `npm run demo` leaves: the sample
 * workspace with me.graphql and an active account labelled "Sandbox" for the sandbox, in a
 * 1400×900 browser window.
 */
describe('The README\'s quick start, from the demo\'s state at 1400×900', () => {
  let page: Page;

  before(async () => {
    page = await openSuiteWorkbench();
    assert.deepEqual(page.viewportSize(), { width: 1400, height: 900 });
    // What the demo adds as the window opens (scripts/demo.ts), typed here as a user would.
    await addAccountThroughPalette(page, sandboxAccount('Sandbox', { description: 'The local Pipefy sandbox started by npm run demo' }));
    await clearNotifications(page);
  });

  after(() => closeSuiteWorkbench(page));

  it('2. open me.graphql in the Explorer and click "▶ Run with Pipefy (Sandbox)": the response opens beside it, the status bar counts down', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'me.graphql' }).first().click();
    await waitForLenses(page, 'me.graphql', /^▶ Run with Pipefy \(Sandbox\)$/);
    await clickRunLens(page, 'me.graphql', 0, 'Me');
    await waitForNotification(page, /200 OK/);
    await waitForEditorText(page, 'Response · Me', /"email"/);
    await waitForLenses(page, 'Response · Me', /200 OK/);
    // Beside the request: two editor groups side by side.
    const request = await box(editorGroup(page, 'me.graphql'));
    const response = await box(editorGroup(page, 'Response · Me'));
    assert.ok(response.x >= request.x + request.width - 1, `the response (x ${response.x}) is not beside the request (x ${request.x}, width ${request.width})`);
    assert.match(await waitForStatusBarText(page, TIME_LEFT), /^Sandbox · /);
    const item = await box(statusBarItem(page));
    assert.ok(item.y + item.height <= 900, `the status bar item is below the window (${JSON.stringify(item)})`);
  });

  it('3. "Pipefy: Open Try It" and Send: a 200 with the countdown in view, no scrolling by the user', async () => {
    const panel = await openTryIt(page);
    assert.equal(await panel.selectedAccountText(), 'Sandbox (active)');
    assert.match(await panel.send(), /^200 OK/);
    rememberCanary((await panel.responseJson()).access_token as string, 'a token shown by Try It (README path)');
    assert.ok(((await panel.countdownSeconds()) ?? 0) > 0, await panel.text('countdown'));
    await assertInView(panel, 'countdown');
    await assertInView(panel, 'response-status');
  });
});
