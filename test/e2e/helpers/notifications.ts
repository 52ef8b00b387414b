import type { Locator, Page } from 'playwright-core';
import { runCommand } from './commandPalette';
import { matches, waitUntil } from './waitUntil';

/** Toasts currently on screen (showInformationMessage, showErrorMessage, …). */
function toasts(page: Page): Locator {
  return page.locator('.notifications-toasts .notification-toast');
}

/** The messages of the notifications on screen, newest last. */
export async function notificationMessages(page: Page): Promise<string[]> {
  const messages = await toasts(page).locator('.notification-list-item-message').allInnerTexts();
  return messages.map((message) => message.trim()).reverse();
}

/** Waits for a notification whose message matches, and returns its text. */
export async function waitForNotification(page: Page, expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
  return waitUntil(async () => (await notificationMessages(page)).find((message) => matches(message, expected)),
    () => `a notification matching ${String(expected)}`, timeoutMs);
}

/** Clicks a button (e.g. "Retry") on the notification whose message matches. */
export async function clickNotificationButton(page: Page, expected: string | RegExp, button: string): Promise<void> {
  await waitForNotification(page, expected);
  const toast = toasts(page).filter({ has: page.locator('.notification-list-item-message', { hasText: expected }) }).first();
  await toast.getByRole('button', { name: button }).click();
}

/** The buttons of the notification whose message matches, in order. */
export async function notificationButtons(page: Page, expected: string | RegExp): Promise<string[]> {
  await waitForNotification(page, expected);
  const toast = toasts(page).filter({ has: page.locator('.notification-list-item-message', { hasText: expected }) }).first();
  return (await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((text) => text.trim());
}

/**
 * Closes every notification, so the next test's wait sees only its own. Through the palette: a
 * toast's close button shows only while the toast is hovered, so clicking it waits in vain.
 */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await toasts(page).count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await toasts(page).first().waitFor({ state: 'detached' });
}

/**
 * How the notification whose message matches is laid out on screen: the lines its message wraps
 * to (counted from the text's own line boxes, so a toast that clips its message still counts them
 * all), and whether each button lies whole inside the toast.
 */
export async function notificationLayout(page: Page, expected: string | RegExp): Promise<{ lines: number; buttonsInside: boolean; buttons: number }> {
  await waitForNotification(page, expected);
  const toast = toasts(page).filter({ has: page.locator('.notification-list-item-message', { hasText: expected }) }).first();
  return toast.evaluate((element) => {
    const message = element.querySelector('.notification-list-item-message');
    if (!message) throw new Error('The toast has no message element.');
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(message);
    const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
    const box = element.getBoundingClientRect();
    const buttons = [...element.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((button) => button.getBoundingClientRect());
    const buttonsInside = buttons.every((rect) => rect.width > 0 && rect.left >= box.left && rect.right <= box.right && rect.top >= box.top && rect.bottom <= box.bottom);
    return { lines: lines.size, buttonsInside, buttons: buttons.length };
  });
}

/** Asserts the notice a user reads fits a toast: three lines at most, every button whole. */
export async function assertNoticeFits(page: Page, expected: string | RegExp): Promise<void> {
  const layout = await notificationLayout(page, expected);
  if (layout.lines > 3 || !layout.buttonsInside) {
    throw new Error(`The notice ${String(expected)} takes ${layout.lines} lines${layout.buttonsInside ? '' : ', with a button cut off'}; at most 3 lines with every button whole.`);
  }
}
