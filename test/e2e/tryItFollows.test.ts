import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addAccountThroughPalette, switchAccountThroughPalette } from './helpers/accounts';
import { clickNotificationButton } from './helpers/notifications';
import { sandboxAccount } from './helpers/sandboxAccount';
import { TryItPanel, box, openTryIt } from './helpers/tryIt';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from './session';

/**
 * What the user just chose is what Try It sends for: a panel already open on one account moves to
 * the account just added (from its "saved" notice) or switched to (with or without Open Try It),
 * with the Account box in view, so Send never answers for an account the user did not mean; a panel
 * left on another account says so.
 */
describe('Try It follows the account just chosen', () => {
  let page: Page;
  let panel: TryItPanel;

  before(async () => {
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, sandboxAccount('first'));
    panel = await openTryIt(page);
  });

  after(async () => {
    await closeSuiteWorkbench(page);
  });

  const shows = (label: RegExp) => {
    let shown = '';
    return waitUntil(async () => (label.test((shown = await panel.selectedAccountText())) ? true : undefined), () => `the Account box to show ${label}; it shows "${shown}"`);
  };

  it('"Open Try It" on a new account\'s "saved" notice shows that account in the open panel, the Account box in view', async () => {
    assert.match(await panel.selectedAccountText(), /^first/);
    await addAccountThroughPalette(page, sandboxAccount('second'));
    await clickNotificationButton(page, /service account "second" saved and active/, 'Open Try It');
    await shows(/^second \(active\)$/);
    const account = await box(panel.el('account'));
    const viewport = page.viewportSize();
    assert.ok(account.y >= 0 && (!viewport || account.y < viewport.height), `the Account box is in view (top at ${account.y})`);
  });

  it('after a switch, "Pipefy: Open Try It" shows the active account in the open panel', async () => {
    await panel.selectAccount(/second/);
    await switchAccountThroughPalette(page, 'first');
    await openTryIt(page);
    await shows(/^first \(active\)$/);
  });

  it('an open panel on a saved account follows a switch made elsewhere; on another account it says, in one line, which one the status bar uses', async () => {
    await switchAccountThroughPalette(page, 'second');
    await shows(/^second \(active\)$/);
    await panel.selectAccount(/first/);
    const details = await panel.waitForText('account-details', /^Not the active account: the status bar and saved requests use "second"\./);
    assert.equal(details.split('\n').length, 1);
  });

  it('a panel on values of its own (ad hoc) stays on them when the active account changes', async () => {
    await panel.selectAccount('Ad hoc values');
    await switchAccountThroughPalette(page, 'first');
    await panel.waitForText('account-details', /^Ad hoc/);
    assert.equal(await panel.selectedAccountText(), 'Ad hoc values');
  });
});
