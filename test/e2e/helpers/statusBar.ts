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

/** The item's tooltip, as hovering shows it (whitespace folded: markdown renders some spaces as no-break spaces). */
export async function statusBarTooltip(page: Page, itemId = TOKEN_ITEM_ID): Promise<string> {
  await statusBarItem(page, itemId).hover();
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Pipefy token' }).first();
  await hover.waitFor();
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  // Move away so the hover does not cover what the next step clicks.
  await page.mouse.move(700, 400);
  return text;
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

/**
 * The background the item shows: VS Code marks an item whose backgroundColor is
 * statusBarItem.errorBackground / warningBackground with the `error-kind` / `warning-kind` class.
 */
export async function statusBarBackground(page: Page, itemId = TOKEN_ITEM_ID): Promise<'error' | 'warning' | undefined> {
  const classes = ((await statusBarItem(page, itemId).getAttribute('class')) ?? '').split(/\s+/);
  if (classes.includes('error-kind')) return 'error';
  if (classes.includes('warning-kind')) return 'warning';
  return undefined;
}

/** The text after the account label, e.g. `04:59`, `1h 00m`, `29d 23h`: the time left, if that is what it shows. */
export const TIME_LEFT = /· (\d\d:\d\d|\d+h \d\dm|\d+d \d+h)$/;

/** `04:59` → 299, `1h 00m` → 3600, `29d 23h` → 2588400; undefined for any other text. */
export function parseTimeLeft(text: string): number | undefined {
  const match = TIME_LEFT.exec(text);
  if (!match) return undefined;
  const figure = match[1];
  let parts = /^(\d\d):(\d\d)$/.exec(figure);
  if (parts) return Number(parts[1]) * 60 + Number(parts[2]);
  parts = /^(\d+)h (\d\d)m$/.exec(figure);
  if (parts) return Number(parts[1]) * 3600 + Number(parts[2]) * 60;
  parts = /^(\d+)d (\d+)h$/.exec(figure);
  return parts ? Number(parts[1]) * 86400 + Number(parts[2]) * 3600 : undefined;
}
