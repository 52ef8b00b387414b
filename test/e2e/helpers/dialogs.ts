import type { Page } from 'playwright-core';

/** Answers a modal dialog (showWarningMessage with `modal: true`) whose message contains `message`. */
export async function clickDialogButton(page: Page, message: string, button: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: message });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The whole text of a modal dialog whose message contains `message`: its message, detail and buttons. */
export async function dialogText(page: Page, message: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: message });
  await dialog.waitFor();
  return dialog.innerText();
}
