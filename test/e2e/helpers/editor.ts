import type { Page } from 'playwright-core';
import { focusWorkbench } from './workbench';
import { pickQuickInputItem, waitForQuickInput } from './quickInput';

/** Opens a workspace file by name through Quick Open (Ctrl+P). */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  await waitForQuickInput(page);
  await pickQuickInputItem(page, fileName, fileName);
  await page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first().waitFor();
}

/** The text of the active editor, as rendered (Monaco only renders the lines in view). */
export async function activeEditorText(page: Page): Promise<string> {
  return page.locator('.editor-instance .view-lines').first().innerText();
}
