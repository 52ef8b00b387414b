import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { addAccountThroughPalette } from './helpers/accounts';
import { runCommand } from './helpers/commandPalette';
import { openFile } from './helpers/editor';
import { clearNotifications, waitForNotification } from './helpers/notifications';
import { rememberCurrentSandboxToken, sandboxAccount } from './helpers/sandboxAccount';
import { clickRunLens, editorGroup, waitForEditorText, waitForLenses } from './helpers/savedRequests';
import { box } from './helpers/tryIt';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from './session';

/** The rows of the Pipefy sidebar's History view, newest first. */
function historyRows(page: Page): Locator {
  // Each view of the sidebar is a `.pane` with its header and its tree.
  return page.locator('.pane')
    .filter({ has: page.locator('.pane-header .title', { hasText: /^History$/ }) })
    .locator('.pane-body .monaco-list-row');
}

/**
 * The History view at the default sidebar width: rows that say operation, status and time in
 * full, and a click that shows the response again (its tab, or the copy kept in storage) and runs nothing.
 */
describe('Request history in the sidebar', () => {
  let page: Page;

  before(async () => {
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, sandboxAccount('history'));
    await clearNotifications(page);
  });

  after(() => closeSuiteWorkbench(page));

  it('rows show operation, status and time uncut; a click reopens a response still open, shows a closed one again from storage, and reruns nothing', async () => {
    const { sandbox } = e2eSession();
    await openFile(page, 'me.graphql');
    // Two runs: the second response replaces the first one's preview tab.
    for (let run = 0; run < 2; run++) {
      await clearNotifications(page);
      await clickRunLens(page, 'me.graphql', 0, 'Me');
      await waitForNotification(page, /200 OK/);
      await waitForLenses(page, 'Response · Me', /200 OK/);
    }
    await rememberCurrentSandboxToken('the token the history test used');

    await runCommand(page, 'Pipefy: Focus on History View');
    const rows = historyRows(page);
    await waitUntil(async () => ((await rows.count()) >= 2 ? true : undefined), () => 'two runs in the History view');
    for (const row of [rows.nth(0), rows.nth(1)]) {
      assert.equal((await row.locator('.label-name').innerText()).trim(), 'Me');
      const description = row.locator('.label-description');
      assert.match((await description.innerText()).trim(), /^200 · \d{1,2}:\d\d/);
      // Uncut: the description ends inside the row, and its text is not clipped by an ellipsis.
      const [text, shown] = [await box(description), await box(row)];
      assert.ok(text.x + text.width <= shown.x + shown.width, `the description runs past the row: ${JSON.stringify({ text, shown })}`);
      assert.equal(await description.evaluate((element) => element.scrollWidth <= element.clientWidth + 1), true, 'the description is clipped');
    }

    // The newest run's response is open: a click brings it to the front, and sends nothing.
    const graphqlBefore = sandbox.stats.graphqlRequests;
    await page.locator('.tabs-container .tab', { hasText: 'me.graphql' }).first().click();
    await rows.nth(0).click();
    await waitUntil(async () => ((await editorGroup(page, 'Response · Me').getAttribute('class'))?.includes('active') ? true : undefined),
      () => 'the response\'s editor group to be the active one');

    // The older run's tab was replaced, and now every tab is closed: its response is shown again
    // from the copy kept in the extension's storage, with its lenses, and nothing is sent.
    await runCommand(page, 'View: Close All Editors');
    await waitUntil(async () => ((await page.locator('.tabs-container .tab').count()) === 0 ? true : undefined), () => 'every tab to close');
    await clearNotifications(page);
    await rows.nth(1).click();
    await waitForLenses(page, 'Response · Me', /200 OK/);
    await waitForEditorText(page, 'Response · Me', /"me"/);
    assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: /is gone/ }).count(), 0, 'no "gone" notice');
    assert.equal(sandbox.stats.graphqlRequests, graphqlBefore);
  });
});
