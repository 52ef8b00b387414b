import type { Page } from 'playwright-core';
import { focusWorkbench } from './workbench';
import { closeQuickInput, pickQuickInputItem, quickInputBox, quickInputItems, typeIntoQuickInput, waitForQuickInput } from './quickInput';
import { waitUntil } from './waitUntil';

/**
 * Opens the command palette with Ctrl+Shift+P (F1 did not open it in headless Chromium). With a
 * webview in front, the keyboard focus sits in its iframe: the shortcut then reaches the workbench
 * by a message, and the webview may take the focus back a moment later, which closes the palette.
 * So the palette must still be open a moment later, and if it is not, the title bar's command
 * center opens the quick input instead (the `>` that callers type makes it the palette).
 */
export async function openCommandPalette(page: Page): Promise<void> {
  for (let attempt = 1; !(await quickInputBox(page).isVisible()); attempt++) {
    if (attempt > 3) throw new Error('The command palette did not open: tried Ctrl+Shift+P, then the command center twice.');
    let webviewFocused: boolean;
    if (attempt === 1) {
      await focusWorkbench(page);
      webviewFocused = await webviewHasFocus(page);
      await page.keyboard.press('Control+Shift+P');
    } else {
      webviewFocused = await webviewHasFocus(page);
      await page.locator('.part.titlebar .command-center .command-center-center').click();
    }
    const opened = await quickInputBox(page).waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    // The loop's condition then checks that the webview did not take the focus back meanwhile.
    if (opened && webviewFocused) await page.waitForTimeout(500);
  }
  await waitForQuickInput(page);
}

/** Whether a webview's iframe holds the page's focus (its focus moves asynchronously). */
async function webviewHasFocus(page: Page): Promise<boolean> {
  return (await page.evaluate('document.activeElement?.tagName === "IFRAME"').catch(() => false)) === true;
}

/**
 * Runs a command by its full palette title, e.g. "Pipefy: Get Token". Right after a notification
 * appears, the workbench now and then takes the focus back from a palette that has just opened;
 * a palette that closed before the pick has run nothing, so it is opened again.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await openCommandPalette(page);
      await pickQuickInputItem(page, exactly(title), `>${title}`);
      return;
    } catch (error) {
      if (attempt === 3 || (await quickInputBox(page).isVisible())) throw error;
    }
  }
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
