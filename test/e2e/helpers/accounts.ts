import type { Page } from 'playwright-core';
import { runCommand } from './commandPalette';
import { clickDialogButton } from './dialogs';
import { clearNotifications, waitForNotification } from './notifications';
import { pickQuickInputItem, quickInputBox, quickInputWidget, submitInputBox, waitForQuickInput } from './quickInput';

/** The labels the "client authentication" step shows (CLIENT_AUTH_MODE_LABELS in the product). */
export const AUTH_MODE_ITEMS = {
  form: /^Form body/,
  json: /^JSON body/,
  basic: /^HTTP Basic/,
} as const;

export interface PaletteAccount {
  label: string;
  description?: string;
  tokenEndpoint: string;
  graphqlEndpoint: string;
  clientId: string;
  clientSecret: string;
  authMode: keyof typeof AUTH_MODE_ITEMS;
  /** The token endpoint is meant to refuse these credentials: the check before saving is answered Save Anyway. */
  refused?: boolean;
}

/** One step of "Add Pipefy Service Account (n/8): …", matched by its title so no answer lands in the wrong box. */
export const addStep = (n: number) => new RegExp(`Add Pipefy Service Account \\(${n}/8\\)`);

/**
 * Adds an account the way a user does: "Pipefy: Add Service Account", then the eight steps (label,
 * description, token endpoint, GraphQL endpoint, client ID, secret, auth mode pick, lifetime),
 * and waits for the notice that it was saved.
 */
export async function addAccountThroughPalette(page: Page, account: PaletteAccount): Promise<void> {
  await clearNotifications(page);
  await runCommand(page, 'Pipefy: Add Service Account');
  await answerAddAccountPrompts(page, account);
}

/**
 * Answers the eight prompts of "Pipefy: Add Service Account", which must already be running, and
 * waits for the "saved" notice unless told not to (a test that reloads the tab on that notice).
 */
export async function answerAddAccountPrompts(page: Page, account: PaletteAccount, waitForSaved = true): Promise<void> {
  await submitInputBox(page, account.label, addStep(1));
  await submitInputBox(page, account.description ?? '', addStep(2));
  await submitInputBox(page, account.tokenEndpoint, addStep(3));
  await submitInputBox(page, account.graphqlEndpoint, addStep(4));
  await submitInputBox(page, account.clientId, addStep(5));
  await submitInputBox(page, account.clientSecret, addStep(6));
  await waitForQuickInput(page, addStep(7));
  await pickQuickInputItem(page, AUTH_MODE_ITEMS[account.authMode]);
  await submitInputBox(page, '', addStep(8));
  if (account.refused) await clickDialogButton(page, `"${account.label}" is not saved yet`, 'Save Anyway');
  if (waitForSaved) await waitForNotification(page, `service account "${account.label}" saved`);
}

/** The fields "Pipefy: Edit Service Account" offers, by the label of their row in its first pick. */
export type EditableField = 'Label' | 'Description' | 'Token endpoint' | 'GraphQL endpoint' | 'Client ID' | 'Client secret' | 'Client authentication';

/**
 * Edits one field through the palette: "Pipefy: Edit Service Account" (picking the account first
 * when `several` exist), ticks the field in the multi-select pick, and answers its input box. New
 * credentials are checked before saving: `refused` when the check is meant to fail, so the
 * dialog's Save Anyway is clicked.
 */
export async function editAccountFieldThroughPalette(page: Page, account: string, field: EditableField, value: string, several = false, refused = false): Promise<void> {
  // The notice this waits for at the end must be this edit's, not an earlier one still on screen.
  await clearNotifications(page);
  await runCommand(page, 'Pipefy: Edit Service Account');
  const widget = quickInputWidget(page);
  // With one account there is no account pick; with several, the first pick lists them.
  if (several) {
    await waitForQuickInput(page, 'Which service account to edit?');
    await pickQuickInputItem(page, new RegExp(`^${escapeRegExp(account)}$`));
  }
  await waitForQuickInput(page, `Edit Pipefy Service Account "${account}"`);
  const row = widget.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${field}$`) }) });
  await row.locator('.monaco-checkbox').click();
  await widget.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${field}$`) }) }).waitFor();
  await quickInputBox(page).press('Enter');
  if (field === 'Client authentication') {
    await waitForQuickInput(page, new RegExp(`Edit "${escapeRegExp(account)}" \\(1/1\\)`));
    await pickQuickInputItem(page, AUTH_MODE_ITEMS[value as keyof typeof AUTH_MODE_ITEMS]);
  } else {
    await submitInputBox(page, value, new RegExp(`Edit "${escapeRegExp(account)}" \\(1/1\\)`));
  }
  if (refused) await clickDialogButton(page, 'is not saved yet', 'Save Anyway');
  await waitForNotification(page, `service account "${field === 'Label' ? value : account}" saved`);
}

/** "Pipefy: Switch Service Account", picking the account by its label. */
export async function switchAccountThroughPalette(page: Page, account: string): Promise<void> {
  await runCommand(page, 'Pipefy: Switch Service Account');
  await waitForQuickInput(page, 'Which service account to use in this workspace?');
  await pickQuickInputItem(page, new RegExp(`^${escapeRegExp(account)}$`));
}

/** "Pipefy: Remove Service Account", picking the account when several exist, and confirming the modal. */
export async function removeAccountThroughPalette(page: Page, account: string, several: boolean): Promise<void> {
  await clearNotifications(page);
  await runCommand(page, 'Pipefy: Remove Service Account');
  if (several) {
    await waitForQuickInput(page, 'Which service account to remove?');
    await pickQuickInputItem(page, new RegExp(`^${escapeRegExp(account)}$`));
  }
  await clickDialogButton(page, `Remove the service account "${account}"?`, 'Remove');
  await waitForNotification(page, `service account "${account}" removed`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
