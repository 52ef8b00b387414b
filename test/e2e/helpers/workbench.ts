import type { Page } from 'playwright-core';
import { waitUntil } from './waitUntil';

/**
 * What to do with the Workspace Trust dialog, which a fresh browser profile shows for every folder
 * (code-server keeps the trust decision in the browser) about 5 s after the workbench appears:
 * - `trust`: click "Yes, I trust the authors";
 * - `restricted`: click "No, I don't trust the authors" to test Restricted Mode;
 * - `none`: do not wait for it (trust is disabled by setting, or this profile already decided).
 */
export type TrustChoice = 'trust' | 'restricted' | 'none';

/** Waits for the workbench to be usable: its DOM, the trust decision and the status bar. */
export async function waitForWorkbench(page: Page, trust: TrustChoice = 'trust'): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  if (trust !== 'none') {
    const name = trust === 'trust' ? 'Yes, I trust the authors' : "No, I don't trust the authors";
    const button = page.getByRole('button', { name });
    await button.waitFor({ timeout: 60_000 });
    await button.click();
    await page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });
    // The decision reaches the status bar asynchronously; tests must not start before it has.
    const restricted = trust === 'restricted';
    await waitUntil(async () => ((await isRestrictedMode(page)) === restricted ? true : undefined),
      () => `the window to be in ${restricted ? 'Restricted Mode' : 'trusted mode'} after answering the trust dialog`);
  }
  await page.locator('.part.statusbar').waitFor();
}

/** Whether the window is in Restricted Mode (it shows a "Restricted Mode" status bar entry then). */
export async function isRestrictedMode(page: Page): Promise<boolean> {
  return (await page.locator('.statusbar-item[id="status.workspaceTrust"]').count()) > 0;
}

/**
 * Puts keyboard focus in the workbench; shortcuts such as Ctrl+Shift+P are ignored until
 * something in the page has focus.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.editor').click({ position: { x: 20, y: 20 } });
}
