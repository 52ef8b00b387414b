import type { Locator, Page } from 'playwright-core';
import { matches, waitUntil } from './waitUntil';

/**
 * The quick input widget serves the command palette, quick picks (showQuickPick) and input boxes
 * (showInputBox) alike.
 */
export function quickInputWidget(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

export function quickInputBox(page: Page): Locator {
  return quickInputWidget(page).locator('.quick-input-box input');
}

/** Waits until the widget is open, optionally until its title, prompt or placeholder matches. */
export async function waitForQuickInput(page: Page, expected?: string | RegExp): Promise<void> {
  await quickInputBox(page).waitFor({ state: 'visible' });
  if (expected === undefined) return;
  await waitUntil(
    async () => (matches(await quickInputDescription(page), expected) ? true : undefined),
    () => `quick input showing ${String(expected)}`,
  );
}

/** Title, placeholder and prompt/validation message, joined, for matching and for error messages. */
export async function quickInputDescription(page: Page): Promise<string> {
  const widget = quickInputWidget(page);
  const title = await widget.locator('.quick-input-title').innerText().catch(() => '');
  const placeholder = (await quickInputBox(page).getAttribute('placeholder')) ?? '';
  const message = await widget.locator('.quick-input-message').innerText().catch(() => '');
  return [title, placeholder, message].filter(Boolean).join(' | ');
}

/** The labels of the items currently listed (the list is virtual: only rows in view are rendered). */
export async function quickInputItems(page: Page): Promise<string[]> {
  const labels = await quickInputWidget(page).locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  return labels.map((label) => label.trim());
}

/** Types into the box (replacing its text) and leaves the widget open. */
export async function typeIntoQuickInput(page: Page, text: string): Promise<void> {
  await quickInputBox(page).fill(text);
}

/** Picks the first listed item whose label matches, typing `filter` first when given. */
export async function pickQuickInputItem(page: Page, label: string | RegExp, filter?: string): Promise<void> {
  if (filter !== undefined) await typeIntoQuickInput(page, filter);
  const row = quickInputWidget(page).locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
  await row.waitFor({ state: 'visible' }).catch(async () => {
    throw new Error(`No quick pick item matching ${String(label)}; listed: ${JSON.stringify(await quickInputItems(page))}`);
  });
  await row.click();
}

/** Answers an input box (showInputBox): types `text` and presses Enter. */
export async function submitInputBox(page: Page, text: string, expectedPrompt?: string | RegExp): Promise<void> {
  await waitForQuickInput(page, expectedPrompt);
  await typeIntoQuickInput(page, text);
  await quickInputBox(page).press('Enter');
}

/** The validation message an input box shows for the current text, if any. */
export async function inputBoxValidationMessage(page: Page): Promise<string> {
  return (await quickInputWidget(page).locator('.quick-input-message').innerText().catch(() => '')).trim();
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInputBox(page).isVisible()) await quickInputBox(page).press('Escape');
  await quickInputBox(page).waitFor({ state: 'hidden' });
}

/** The Back button VS Code shows in the title of a step that has one before it. */
export function quickInputBackButton(page: Page): Locator {
  return quickInputWidget(page).locator('.quick-input-left-action-bar .action-label');
}
