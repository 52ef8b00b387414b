import type { Locator, Page } from 'playwright-core';
import { waitForNotification } from './notifications';
import { waitUntil } from './waitUntil';

/** Saved GraphQL requests in the workbench: their CodeLenses, runs and response views. */

/** The editor group whose active tab is `title` (a file name, or a response view's title). */
export function editorGroup(page: Page, title: string): Locator {
  return page.locator('.editor-group-container').filter({ has: page.locator(`.tabs-container .tab.active[aria-label*="${title}"]`) });
}

/** The CodeLenses of the editor showing `title`, top to bottom, as [text, locator] pairs. */
export async function codeLenses(page: Page, title: string): Promise<Array<{ text: string; at: Locator }>> {
  const lenses = await editorGroup(page, title).locator('.codelens-decoration > a, .codelens-decoration > span').all();
  const placed = await Promise.all(
    lenses.map(async (at) => ({ at, text: (await at.innerText()).trim(), y: (await at.boundingBox())?.y ?? 0 })),
  );
  return placed.sort((a, b) => a.y - b.y).map(({ at, text }) => ({ at, text }));
}

/** Waits until the editor showing `title` has lenses matching `expected` (each one), and returns them. */
export async function waitForLenses(page: Page, title: string, expected: RegExp, count = 1, timeoutMs = 60_000): Promise<Array<{ text: string; at: Locator }>> {
  let seen: string[] = [];
  return waitUntil(async () => {
    const lenses = (await codeLenses(page, title)).filter((lens) => expected.test(lens.text));
    seen = (await codeLenses(page, title)).map((lens) => lens.text);
    return lenses.length >= count ? lenses : undefined;
  }, () => `${count} CodeLens(es) matching ${String(expected)} in ${title}; it shows ${JSON.stringify(seen)}`, timeoutMs);
}

/**
 * Clicks a "Run with Pipefy" lens and waits until the run has started: its progress or its result
 * is on screen (or what `started` matches). A lens redrawn between mouse down and up swallows the
 * click, so a click that started nothing within 15 s is made again. A run shows its
 * progress at once, so a click that did start one is never repeated.
 */
export async function clickRunLens(
  page: Page,
  title: string,
  index: number,
  operation: string,
  started = new RegExp(`^Pipefy: (running )?${operation}\\b`),
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const lenses = await waitForLenses(page, title, /Run with Pipefy/, index + 1);
    await lenses[index].at.click();
    try {
      await waitForNotification(page, started, 15_000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The rendered text of the editor showing `title` (Monaco renders spaces as no-break spaces). */
export async function editorText(page: Page, title: string): Promise<string> {
  return (await editorGroup(page, title).locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

export async function waitForEditorText(page: Page, title: string, expected: RegExp, timeoutMs = 30_000): Promise<string> {
  let last = '';
  return waitUntil(async () => {
    last = await editorText(page, title);
    return expected.test(last) ? last : undefined;
  }, () => `the editor "${title}" to show ${String(expected)}; it shows ${JSON.stringify(last.slice(0, 300))}`, timeoutMs);
}
