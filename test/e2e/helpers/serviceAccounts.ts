import type { Page } from 'playwright-core';
import type { Sandbox, SandboxClient } from '../../fixtures/sandbox';
import { runCommand } from './commandPalette';
import { clickDialogButton } from './dialogs';
import { clearNotifications, waitForNotification } from './notifications';
import { pickQuickInputItem, quickInputBox, quickInputWidget, submitInputBox, waitForQuickInput } from './quickInput';

export interface NewServiceAccount {
  /** The saved account that acts (an organization admin). */
  readonly acting: string;
  readonly name: string;
  readonly lifetime: string;
  /** The pipes ticked after creation, by id; none by default. */
  readonly pipeIds?: readonly string[];
}

/**
 * "Pipefy: Create Service Account" the way a user does it: the acting account, name, description,
 * role `normal`, lifetime, Create on the summary, the pipes ticked; waits for the "created" notice
 * and returns it with the new client, which the test learns only from the first token POST the
 * sandbox received for it (the product never shows the secret).
 */
export async function createServiceAccountThroughPalette(page: Page, sandbox: Sandbox, account: NewServiceAccount): Promise<{ notice: string; client: SandboxClient }> {
  const sentBefore = sandbox.requests.length;
  await clearNotifications(page);
  await runCommand(page, 'Pipefy: Create Service Account');
  await waitForQuickInput(page, 'Which saved account creates it?');
  await pickQuickInputItem(page, new RegExp(`^${account.acting}$`));
  await submitInputBox(page, account.name, /Name \(at most 20 characters/);
  await submitInputBox(page, '', /Description/);
  await waitForQuickInput(page, 'Role in the organization');
  await pickQuickInputItem(page, /^normal$/);
  await submitInputBox(page, account.lifetime, /Token lifetime/);
  await clickDialogButton(page, `Create the service account "${account.name}"`, 'Create');

  await waitForQuickInput(page, 'A new service account sees no pipe until it is added to one');
  const rows = quickInputWidget(page).locator('.quick-input-list .monaco-list-row');
  for (const pipeId of account.pipeIds ?? []) {
    await rows.filter({ hasText: `pipe ${pipeId}` }).locator('.monaco-checkbox').click();
    await rows.and(page.locator('[aria-checked="true"]')).filter({ hasText: `pipe ${pipeId}` }).waitFor();
  }
  await quickInputBox(page).press('Enter');
  const notice = await waitForNotification(page, new RegExp(`service account "${account.name}" created.*can never be changed`), 60_000);

  // The acting account's token came before the mutation; the first token POST after it is the new account's.
  const sent = sandbox.requests.slice(sentBefore);
  const mutation = sent.findIndex((request) => request.body.includes('createServiceAccount'));
  const tokenPost = sent.slice(mutation + 1).find((request) => request.path.endsWith('/oauth/token'));
  if (mutation < 0 || !tokenPost) throw new Error(`"${account.name}" was created, but the sandbox received no token request for a new client.`);
  const form = new URLSearchParams(tokenPost.body);
  return { notice, client: { clientId: form.get('client_id') ?? '', clientSecret: form.get('client_secret') ?? '' } };
}
