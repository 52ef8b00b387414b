import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { runCommand } from '../../e2e/helpers/commandPalette';
import { waitUntil } from '../../e2e/helpers/waitUntil';
import { e2eSession } from '../../e2e/session';

/**
 * User settings changed the way a user changes them: the Settings editor ("Preferences: Open User
 * Settings"), its search box, the setting's own control. code-server keeps user settings in the
 * server's user-data folder, so the file there says when the editor has written the change.
 */

/** The user settings.json code-server reads, as parsed JSON (`{}` when absent). */
export function userSettingsOnDisk(): Record<string, unknown> {
  const file = path.join(e2eSession().codeServer.userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8');
  return text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The row of one setting in the Settings editor, after searching for its id. */
async function settingRow(page: Page, key: string): Promise<Locator> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor();
  // The search box is a small Monaco editor: focus it, replace what it holds, type the id.
  await editor.locator('.settings-header .suggest-input-container').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(key);
  const row = editor.locator(`.setting-item-contents[data-key="${key}"]`);
  await row.waitFor();
  return row;
}

/** Types `value` into a number setting's box and waits until settings.json holds it. */
export async function setNumberSetting(page: Page, key: string, value: number): Promise<void> {
  const row = await settingRow(page, key);
  await row.locator('input.input').fill(String(value));
  await waitUntil(async () => (userSettingsOnDisk()[key] === value ? true : undefined),
    () => `settings.json to hold "${key}": ${value}; it holds ${JSON.stringify(userSettingsOnDisk()[key])}`);
  await closeSettingsEditor(page);
}

/** "Reset Setting" from the setting's "More Actions..." menu, and waits until settings.json no longer has it. */
export async function resetSetting(page: Page, key: string): Promise<void> {
  const row = await settingRow(page, key);
  // The gear shows only while the row is hovered, and a click on it did not open its menu here;
  // Shift+F9 ("More Actions...") on the setting's control does.
  await row.locator('input.input').focus();
  await page.keyboard.press('Shift+F9');
  const reset = page.locator('.monaco-menu .action-item', { has: page.locator('.action-label', { hasText: /^Reset Setting$/ }) });
  await reset.waitFor();
  // Hovered first, the item is the menu's focused one, which a click then runs.
  await reset.hover();
  await page.locator('.monaco-menu .action-item.focused', { hasText: /^Reset Setting$/ }).waitFor();
  await reset.click();
  await waitUntil(async () => (key in userSettingsOnDisk() ? undefined : true),
    () => `settings.json to lose "${key}"; it holds ${JSON.stringify(userSettingsOnDisk()[key])}`);
  await closeSettingsEditor(page);
}

/**
 * Closes the Settings editor by its tab's close button, so the workbench is as it was. (A
 * palette "View: Close Editor" could close another editor: opening the palette clicks into the
 * editor area first, which may activate another tab.)
 */
async function closeSettingsEditor(page: Page): Promise<void> {
  const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: /^Settings$/ }) });
  await tab.click();
  await tab.locator('.tab-actions .action-label').click();
  await page.locator('.settings-editor').waitFor({ state: 'detached' });
}
