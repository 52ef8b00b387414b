import type { Page } from 'playwright-core';
import { focusWorkbench } from './workbench';
import { closeQuickInput, pickQuickInputItem, quickInputBox, quickInputItems, typeIntoQuickInput, waitForQuickInput } from './quickInput';
import { waitUntil } from './waitUntil';

/**
 * Opens the command palette with Ctrl+Shift+P (F1 did not open it in headless Chromium). When a
 * webview has the keyboard focus the shortcut may not reach the workbench; then the title bar's
 * command center opens the quick input instead, and the `>` that callers type makes it the palette.
 */
export async function openCommandPalette(page: Page): Promise<void> {
  if (!(await quickInputBox(page).isVisible())) {
    await focusWorkbench(page);
    await page.keyboard.press('Control+Shift+P');
    const opened = await quickInputBox(page).waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (!opened) await page.locator('.part.titlebar .command-center .command-center-center').click();
  }
  await waitForQuickInput(page);
}

/** Runs a command by its full palette title, e.g. "Pipefy: Get Token". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page);
  await pickQuickInputItem(page, exactly(title), `>${title}`);
}

/** The palette titles that match `filter` (e.g. "Pipefy:"), sorted; the palette is closed afterwards. */
export async function listCommands(page: Page, filter: string): Promise<string[]> {
  await openCommandPalette(page);
  await typeIntoQuickInput(page, `>${filter}`);
  // The list filters asynchronously; wait until every row shown matches the filter.
  const titles = await waitUntil(async () => {
    const items = await quickInputItems(page);
    return items.length > 0 && items.every((item) => item.toLowerCase().includes(filter.toLowerCase())) ? items : undefined;
  }, () => `palette entries matching "${filter}"`);
  await closeQuickInput(page);
  return [...new Set(titles)].sort();
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/**
 * Waits until the palette offers the command titled `title` (its `when` clause holds), then closes
 * the palette. Looks for that one title rather than a whole list, so commands of other features
 * whose names also match do not matter.
 */
export async function waitForPaletteCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page);
  await typeIntoQuickInput(page, `>${title}`);
  await waitUntil(async () => ((await quickInputItems(page)).includes(title) ? true : undefined),
    () => `the command palette to offer "${title}"`);
  await closeQuickInput(page);
}
