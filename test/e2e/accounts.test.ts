import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  addAccountThroughPalette,
  addStep,
  answerAddAccountPrompts,
  editAccountFieldThroughPalette,
  removeAccountThroughPalette,
  switchAccountThroughPalette,
} from './helpers/accounts';
import { runCommand, waitForPaletteCommand } from './helpers/commandPalette';
import { rememberCanary, uniqueSecret } from './helpers/leakCanaries';
import { waitForNotification } from './helpers/notifications';
import { inputBoxValidationMessage, quickInputBox, quickInputDescription, typeIntoQuickInput, waitForQuickInput } from './helpers/quickInput';
import { sandboxAccount } from './helpers/sandboxAccount';
import { TIME_LEFT, statusBarItem, waitForStatusBarText } from './helpers/statusBar';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from './session';

/**
 * One user's session in one browser profile (code-server keeps accounts and secrets there), in
 * order: add, add another, switch, edit, remove. Everything goes through the command palette,
 * its input boxes and quick picks, and the status bar shows the outcome.
 */
describe('Service accounts through the command palette', () => {
  let page: Page;

  before(async () => {
    page = await openSuiteWorkbench();
    await statusBarItem(page).waitFor({ timeout: 60_000 });
    await waitForStatusBarText(page, 'no account', undefined, 60_000);
  });

  after(() => closeSuiteWorkbench(page));

  it('adds an account step by step; the label box refuses 21 characters while the user types', async () => {
    await runCommand(page, 'Pipefy: Add Service Account');
    await waitForQuickInput(page, addStep(1));
    await typeIntoQuickInput(page, 'a-label-of-21-chars-x');
    const message = await waitUntil(async () => {
      const shown = await inputBoxValidationMessage(page);
      return /21 characters; the limit is 20/.test(shown) ? shown : undefined;
    }, () => 'the label box to say the 21-character label is too long');
    assert.match(message, /21 characters; the limit is 20/);
    // Enter does not get past an invalid value.
    await quickInputBox(page).press('Enter');
    await waitForQuickInput(page, addStep(1));
    assert.match(await quickInputDescription(page), /21 characters/);

    // Twenty characters are fine, and the message goes as soon as the text is valid.
    await typeIntoQuickInput(page, 'a-label-of-20-chars-');
    await waitUntil(async () => ((await inputBoxValidationMessage(page)).includes('limit') ? undefined : true),
      () => 'the validation message to go away for a 20-character label');

    await answerAddAccountPrompts(page, sandboxAccount('sandbox'));
    await waitForNotification(page, 'service account "sandbox" saved and active');
    await waitForStatusBarText(page, 'sandbox · no token');

    // The commands that need an account are in the palette now (their `when` clause holds).
    for (const title of ['Pipefy: Get Token', 'Pipefy: Edit Service Account', 'Pipefy: Switch Service Account', 'Pipefy: Remove Service Account']) {
      await waitForPaletteCommand(page, title);
    }
  });

  it('a second account becomes the active one; Switch Service Account goes back', async () => {
    await addAccountThroughPalette(page, sandboxAccount('staging', { authMode: 'json', description: 'Same sandbox, JSON body' }));
    await waitForStatusBarText(page, 'staging · no token');
    await switchAccountThroughPalette(page, 'sandbox');
    await waitForStatusBarText(page, 'sandbox · no token');
  });

  it('editing the client secret drops the cached token', async () => {
    await runCommand(page, 'Pipefy: Get Token');
    await waitForStatusBarText(page, TIME_LEFT);
    await waitForPaletteCommand(page, 'Pipefy: Clear Token');

    const rotated = uniqueSecret('rotated-secret');
    rememberCanary(rotated, 'a client secret typed in Edit Service Account');
    await editAccountFieldThroughPalette(page, 'sandbox', 'Client secret', rotated, true);
    await waitForNotification(page, 'Its cached token was dropped');
    await waitForStatusBarText(page, 'sandbox · no token');
  });

  it('editing only the description keeps the token', async () => {
    // Put the right secret back and get a token, then change a field that does not affect it.
    await editAccountFieldThroughPalette(page, 'sandbox', 'Client secret', sandboxAccount('sandbox').clientSecret, true);
    await runCommand(page, 'Pipefy: Get Token');
    const before = await waitForStatusBarText(page, TIME_LEFT);
    await editAccountFieldThroughPalette(page, 'sandbox', 'Description', 'The shared sandbox', true);
    const notice = await waitForNotification(page, 'service account "sandbox" saved.');
    assert.doesNotMatch(notice, /dropped/);
    await waitForStatusBarText(page, TIME_LEFT);
    assert.match(before, /^sandbox · /);
  });

  it('removes accounts with their secrets: the indicator ends at "no account"', async () => {
    await removeAccountThroughPalette(page, 'staging', true);
    await waitForStatusBarText(page, TIME_LEFT);
    await removeAccountThroughPalette(page, 'sandbox', false);
    await waitForStatusBarText(page, 'no account');
  });
});
