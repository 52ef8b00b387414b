import type { Page } from 'playwright-core';
import { focusWorkbench } from './workbench';
import { closeQuickInput, pickQuickInputItem, waitForQuickInput } from './quickInput';

/**
 * Opens a workspace file by name through Quick Open (Ctrl+P). Quick Open redraws its list as the
 * file search answers, and once in a long CI run the click on a row being redrawn opened nothing;
 * so a pick that opened no tab is tried once more before the test is failed, naming the tabs open.
 */
export async function openFile(page: Page, fileName: string): Promise<void> {
  const tab = page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first();
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press('Control+P');
    await waitForQuickInput(page);
    await pickQuickInputItem(page, fileName, fileName);
    const opened = await tab.waitFor({ timeout: 15_000 }).then(() => true, () => false);
    if (opened) return;
    if (attempt === 2) {
      const tabs = await page.locator('.tabs-container .tab').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')));
      throw new Error(`Quick Open did not open ${fileName}; the tabs open: ${JSON.stringify(tabs)}.`);
    }
    await closeQuickInput(page);
  }
}

/** The text of the active editor, as rendered (Monaco only renders the lines in view). */
export async function activeEditorText(page: Page): Promise<string> {
  return page.locator('.editor-instance .view-lines').first().innerText();
}
