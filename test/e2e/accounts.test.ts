import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  AUTH_MODE_ITEMS,
  addAccountThroughPalette,
  addStep,
  answerAddAccountPrompts,
  editAccountFieldThroughPalette,
  removeAccountThroughPalette,
  switchAccountThroughPalette,
} from './helpers/accounts';
import { runCommand, waitForPaletteCommand } from './helpers/commandPalette';
import { rememberCanary, uniqueSecret } from './helpers/leakCanaries';
import { clickDialogButton, dialogText } from './helpers/dialogs';
import { clearNotifications, waitForNotification } from './helpers/notifications';
import {
  inputBoxValidationMessage,
  pickQuickInputItem,
  quickInputBackButton,
  quickInputBox,
  quickInputDescription,
  submitInputBox,
  typeIntoQuickInput,
  waitForQuickInput,
} from './helpers/quickInput';
import { sandboxAccount } from './helpers/sandboxAccount';
import { TIME_LEFT, waitForStatusBarText } from './helpers/statusBar';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from './session';

/**
 * One user's session in one browser profile (code-server keeps accounts and secrets there), in
 * order: add, add another, switch, edit, remove. Everything goes through the command palette,
 * its input boxes and quick picks, and the status bar shows the outcome.
 */
/** `label · 59:59`: the account's token counting down. */
const withTimeLeft = (label: string) => new RegExp(`^${label} · ${TIME_LEFT.source.slice(2)}`);

describe('Service accounts through the command palette', () => {
  let page: Page;

  before(async () => {
    page = await openSuiteWorkbench();
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
    // Saved after a check that got a token, which the status bar counts down at once.
    await waitForNotification(page, 'service account "sandbox" saved and active, its token endpoint gave it a token');
    await waitForStatusBarText(page, withTimeLeft('sandbox'));

    // The commands that need an account are in the palette now (their `when` clause holds).
    for (const title of ['Pipefy: Get Token', 'Pipefy: Edit Service Account', 'Pipefy: Switch Service Account', 'Pipefy: Remove Service Account']) {
      await waitForPaletteCommand(page, title);
    }
  });

  it('Back keeps what was typed, both ways; the optional steps and the prefilled endpoints take one Enter', async () => {
    const account = sandboxAccount('back-and-forth');
    await runCommand(page, 'Pipefy: Add Service Account');
    await waitForQuickInput(page, addStep(1));
    // The first step has nothing to go back to.
    assert.equal(await quickInputBackButton(page).count(), 0);
    await submitInputBox(page, account.label, addStep(1));
    await waitForQuickInput(page, addStep(2));
    await typeIntoQuickInput(page, 'typed, then Back');
    await quickInputBackButton(page).click();
    await waitForQuickInput(page, addStep(1));
    assert.equal(await quickInputBox(page).inputValue(), account.label);
    await quickInputBox(page).press('Enter');
    await waitForQuickInput(page, addStep(2));
    assert.equal(await quickInputBox(page).inputValue(), 'typed, then Back');
    // Optional: emptied and skipped with Enter.
    await submitInputBox(page, '', addStep(2));

    // The endpoints come prefilled with Pipefy's; Enter keeps them.
    await waitForQuickInput(page, addStep(3));
    assert.equal(await quickInputBox(page).inputValue(), 'https://app.pipefy.com/oauth/token');
    await submitInputBox(page, account.tokenEndpoint, addStep(3));
    await waitForQuickInput(page, addStep(4));
    assert.equal(await quickInputBox(page).inputValue(), 'https://api.pipefy.com/graphql');
    await submitInputBox(page, account.graphqlEndpoint, addStep(4));
    await submitInputBox(page, account.clientId, addStep(5));

    // Back from the secret to the client ID and forward again: both are as they were left.
    await waitForQuickInput(page, addStep(6));
    await typeIntoQuickInput(page, account.clientSecret);
    await quickInputBackButton(page).click();
    await waitForQuickInput(page, addStep(5));
    assert.equal(await quickInputBox(page).inputValue(), account.clientId);
    await quickInputBox(page).press('Enter');
    await waitForQuickInput(page, addStep(6));
    assert.equal(await quickInputBox(page).inputValue(), account.clientSecret);
    await quickInputBox(page).press('Enter');

    await waitForQuickInput(page, addStep(7));
    await pickQuickInputItem(page, AUTH_MODE_ITEMS.form);
    // The lifetime hint is optional: one Enter on the empty box.
    await waitForQuickInput(page, addStep(8));
    await quickInputBox(page).press('Enter');
    await waitForNotification(page, `service account "${account.label}" saved and active`);

    // It works: the secret that went through Back and forth is the right one.
    await runCommand(page, 'Pipefy: Get Token');
    await waitForStatusBarText(page, new RegExp(`^${account.label} · (\\d\\d:\\d\\d)$`));
    await removeAccountThroughPalette(page, account.label, true);
    await switchAccountThroughPalette(page, 'sandbox');
    await waitForStatusBarText(page, withTimeLeft('sandbox'));
  });

  it('a second account becomes the active one; Switch Service Account goes back', async () => {
    await addAccountThroughPalette(page, sandboxAccount('staging', { authMode: 'json', description: 'Same sandbox, JSON body' }));
    await waitForStatusBarText(page, withTimeLeft('staging'));
    await switchAccountThroughPalette(page, 'sandbox');
    await waitForStatusBarText(page, withTimeLeft('sandbox'));
  });

  it('a mistyped secret is caught before saving: the dialog names the secret, Fix keeps the rest, and the fixed account is saved with its token', async () => {
    const right = sandboxAccount('typo');
    const mistyped = uniqueSecret('mistyped-secret');
    rememberCanary(mistyped, 'a mistyped client secret');
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Add Service Account');
    await answerAddAccountPrompts(page, { ...right, clientSecret: mistyped, authMode: 'json' }, false);

    const question = '"typo" is not saved yet';
    const dialog = await dialogText(page, question);
    assert.match(dialog, /refused the client ID or secret/);
    assert.match(dialog, /401 invalid_client/);
    // The OAuth text is shown as the server wrote it, ending in one full stop.
    assert.doesNotMatch(dialog, /\.\)\.|\.\./);
    assert.match(dialog, /Fix Secret/);
    assert.match(dialog, /Save Anyway/);
    // Nothing is saved while the user decides: the status bar still shows the account before.
    await waitForStatusBarText(page, withTimeLeft('sandbox'));

    await clickDialogButton(page, question, 'Fix Secret');
    await waitForQuickInput(page, /Fix "typo": secret/);
    await submitInputBox(page, right.clientSecret, /Fix "typo": secret/);
    // Checked again with the fixed secret, and with everything else as typed (the JSON body).
    await waitForNotification(page, 'service account "typo" saved and active, its token endpoint gave it a token');
    // The check's token is kept: the status bar counts it down without another Get Token.
    await waitForStatusBarText(page, new RegExp('^typo · \\d\\d:\\d\\d$'));
    await removeAccountThroughPalette(page, 'typo', true);
    await switchAccountThroughPalette(page, 'sandbox');
  });

  it('Cancel on the check\'s dialog saves nothing', async () => {
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Add Service Account');
    await answerAddAccountPrompts(page, sandboxAccount('never-saved', { clientId: 'no-such-client' }), false);
    const dialog = await dialogText(page, '"never-saved" is not saved yet');
    assert.match(dialog, /Fix Client ID/);
    await clickDialogButton(page, '"never-saved" is not saved yet', 'Cancel');
    await runCommand(page, 'Pipefy: Switch Service Account');
    await waitForQuickInput(page, 'Which service account to use in this workspace?');
    const rows = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((items) => items.map((item) => item.querySelector('.label-name')?.textContent ?? ''));
    assert.deepEqual(rows.sort(), ['sandbox', 'staging']);
    await quickInputBox(page).press('Escape');
  });

  it('editing the client secret drops the cached token', async () => {
    await runCommand(page, 'Pipefy: Get Token');
    await waitForStatusBarText(page, TIME_LEFT);
    await waitForPaletteCommand(page, 'Pipefy: Clear Token');

    const rotated = uniqueSecret('rotated-secret');
    rememberCanary(rotated, 'a client secret typed in Edit Service Account');
    // The sandbox refuses the new secret, so the check's dialog is answered Save Anyway.
    await editAccountFieldThroughPalette(page, 'sandbox', 'Client secret', rotated, true, true);
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
