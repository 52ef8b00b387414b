import type { Locator, Page } from 'playwright-core';
import { matches, waitUntil } from './waitUntil';

/** The product's token indicator (`createStatusBarItem('pipefy.token', …)`). */
export const TOKEN_ITEM_ID = 'pipefy.token';

/** A status bar item by the id its extension gave it; the DOM id is `<extension id>.<item id>`. */
export function statusBarItem(page: Page, itemId = TOKEN_ITEM_ID): Locator {
  return page.locator(`.part.statusbar .statusbar-item[id$=".${itemId}"]`);
}

/** The item's visible text; a `$(icon)` renders as an empty icon element, so it is not included. */
export async function statusBarText(page: Page, itemId = TOKEN_ITEM_ID): Promise<string> {
  return (await statusBarItem(page, itemId).locator('.statusbar-item-label').innerText()).trim();
}

/** The codicon names shown in the item, e.g. ['key']. */
export async function statusBarIcons(page: Page, itemId = TOKEN_ITEM_ID): Promise<string[]> {
  const icons = await statusBarItem(page, itemId).locator('.codicon').all();
  const classes = await Promise.all(icons.map((icon) => icon.getAttribute('class')));
  return classes.flatMap((names) => (names ?? '').split(/\s+/).filter((name) => name.startsWith('codicon-')).map((name) => name.slice(8)));
}

/** Its accessible label: the text, then the tooltip, as a screen reader hears them. */
export async function statusBarAriaLabel(page: Page, itemId = TOKEN_ITEM_ID): Promise<string> {
  return (await statusBarItem(page, itemId).getAttribute('aria-label')) ?? '';
}

/** Waits until the item shows text that matches (a substring or a RegExp), and returns it. */
export async function waitForStatusBarText(page: Page, expected: string | RegExp, itemId = TOKEN_ITEM_ID, timeoutMs = 30_000): Promise<string> {
  let last = '';
  return waitUntil(async () => {
    last = await statusBarText(page, itemId);
    return matches(last, expected) ? last : undefined;
  }, () => `status bar item ${itemId} to show ${String(expected)}; it shows "${last}"`, timeoutMs);
}
