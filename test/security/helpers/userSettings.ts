import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { editorGroup } from '../../e2e/helpers/savedRequests';
import { waitUntil } from '../../e2e/helpers/waitUntil';
import { e2eSession } from '../../e2e/session';
import type { PipefyLog } from './pipefyLog';
import { runCommand } from '../../e2e/helpers/commandPalette';

/** What the extension logs when a pipefy.* setting changes (src/host/extension.ts). */
const SETTINGS_CHANGED = 'Pipefy settings changed.';

/**
 * code-server's user settings.json, which every window of the run shares, edited the way a user
 * does: "Preferences: Open User Settings (JSON)", the whole text replaced, saved. (Writing the
 * file on disk is not enough: code-server does not watch it.) The text is pasted, not typed, so
 * the editor's auto-closing and auto-indent leave it alone. A test sets values over the file as
 * it was and puts it back when done; the window applies a change asynchronously and the extension
 * logs each pipefy.* change, so the wait is on that line of the window's log.
 */
export class UserSettings {
  /** The file as it was before the first change, and the values set over it since. */
  private original: string | undefined;
  private values: Record<string, unknown> = {};

  async set(page: Page, log: PipefyLog, values: Record<string, unknown>): Promise<void> {
    this.original ??= fs.readFileSync(this.file, 'utf8');
    this.values = { ...this.values, ...values };
    await this.save(page, log, `${JSON.stringify({ ...(JSON.parse(this.original) as Record<string, unknown>), ...this.values }, null, 2)}\n`);
  }

  async unset(page: Page, log: PipefyLog, ...keys: string[]): Promise<void> {
    for (const key of keys) delete this.values[key];
    if (Object.keys(this.values).length) await this.set(page, log, {});
    else await this.restore(page, log);
  }

  /** Back to the file as it was before the first set(); nothing to do when set() was not called. */
  async restore(page: Page, log: PipefyLog): Promise<void> {
    if (this.original === undefined) return;
    await this.save(page, log, this.original);
    this.forget();
  }

  /** For an `after` hook whose window may be gone: the file as it was, for the windows that come next. */
  restoreOnDisk(): void {
    if (this.original !== undefined) fs.writeFileSync(this.file, this.original);
    this.forget();
  }

  private get file(): string {
    return path.join(e2eSession().codeServer.userDataDir, 'User', 'settings.json');
  }

  private forget(): void {
    this.original = undefined;
    this.values = {};
  }

  private async save(page: Page, log: PipefyLog, text: string): Promise<void> {
    const before = log.count(SETTINGS_CHANGED);
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    const editor = editorGroup(page, 'settings.json');
    await editor.locator('.editor-instance .view-lines').first().click();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Control+S');
    await waitUntil(async () => (fs.readFileSync(this.file, 'utf8') === text ? true : undefined),
      () => `${this.file} to be saved with ${JSON.stringify(text)}; it holds ${JSON.stringify(fs.readFileSync(this.file, 'utf8'))}`);
    await log.waitForMore(SETTINGS_CHANGED, before);
    // All editors, not "Close Editor": opening the palette clicks into the editor area, which may
    // activate another tab first. The tests open their request file again afterwards.
    await runCommand(page, 'View: Close All Editor Groups');
  }
}
