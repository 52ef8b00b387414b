import type { FrameLocator, Locator, Page } from 'playwright-core';
import { runCommand } from './commandPalette';
import { matches, waitUntil } from './waitUntil';
import { webviewFrame } from './webview';

/**
 * The Try It panel, driven through its page as a user would. Element ids are the stable ones the
 * product keeps for tests (each is also a data-testid).
 */
export class TryItPanel {
  constructor(
    readonly page: Page,
    readonly frame: FrameLocator,
  ) {}

  el(id: string): Locator {
    return this.frame.locator(`#${id}`);
  }

  async text(id: string): Promise<string> {
    return (await this.el(id).innerText()).trim();
  }

  /** Waits until the element's text matches (a substring or a RegExp), and returns it. */
  async waitForText(id: string, expected: string | RegExp): Promise<string> {
    let shown = '';
    return waitUntil(async () => (matches((shown = await this.text(id)), expected) ? shown : undefined),
      () => `#${id} to show ${String(expected)}; it shows "${shown}"`);
  }

  /** Picks an entry of the Account dropdown (a vscode-single-select) by the text it shows, e.g. "sandbox" or "Ad hoc values". */
  async selectAccount(label: string | RegExp): Promise<void> {
    const select = this.el('account');
    const option = select.locator('li[role="option"]', { hasText: label });
    await select.click();
    // When the workbench had the focus, the first click only gives it to the webview.
    if (!(await option.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) await select.click();
    await option.click();
    let shown = '';
    await waitUntil(async () => (matches((shown = await this.selectedAccountText()), label) ? true : undefined),
      () => `the Account dropdown to show ${String(label)}; it shows "${shown}"`);
  }

  /** The text of the selected Account option. */
  async selectedAccountText(): Promise<string> {
    // vscode-single-select keeps the chosen option's value; its options are light-DOM children.
    return this.el('account').evaluate((select) => {
      type Valued = { value: string; textContent: string | null };
      const value = (select as unknown as Valued).value;
      const options = [...(select as unknown as { querySelectorAll(selector: string): Iterable<Valued> }).querySelectorAll('vscode-option')];
      return (options.find((option) => option.value === value)?.textContent ?? '').trim();
    });
  }

  /** Types the ad hoc values (Ad hoc must be selected). */
  async fillAdHoc(values: { tokenEndpoint: string; clientId: string; clientSecret: string; authMode?: 'Form body' | 'JSON body' | 'HTTP Basic' }): Promise<void> {
    await this.el('token-endpoint').locator('input').fill(values.tokenEndpoint);
    await this.el('client-id').locator('input').fill(values.clientId);
    await this.el('client-secret').locator('input').fill(values.clientSecret);
    if (values.authMode) {
      const select = this.el('auth-mode');
      await select.click();
      await select.locator('li[role="option"]', { hasText: values.authMode }).click();
    }
  }

  /**
   * Presses Send (or "Get a new token") and waits for the outcome line beside Send (#status) to
   * show this request's result. Returns the outcome as the user reads it: that line ("200 OK in
   * 12 ms") on success; on failure, "Failed: " and the error banner's message, which the page says
   * once, in the banner, and not beside Send.
   */
  async send(button: 'send' | 'get-new-token' = 'send'): Promise<string> {
    const status = this.el('status');
    // The page marks #status pending on `busy` and success/failure on `result`; clearing the mark
    // first means an earlier request's outcome cannot pass for this one's.
    await status.evaluate((element) => element.setAttribute('data-outcome', 'awaiting-test'));
    await this.el(button).click();
    let last = '';
    return waitUntil(async () => {
      const outcome = await status.getAttribute('data-outcome');
      last = `${outcome}: ${await status.innerText()}`;
      if (outcome !== 'success' && outcome !== 'failure') return undefined;
      if (!(await this.el('progress').isHidden())) return undefined;
      if (outcome === 'success') return (await status.innerText()).trim();
      return (await this.el('error').isVisible()) ? `Failed: ${await this.text('error-message')}` : undefined;
    }, () => `the Try It request to finish; #status shows "${last}"`);
  }

  /** The token response body as the panel shows it, parsed. */
  async responseJson(): Promise<Record<string, unknown>> {
    return JSON.parse(await this.text('response-json')) as Record<string, unknown>;
  }

  /** The countdown in seconds, e.g. "04m 58s" → 298, or undefined when it shows no figure ("expired", "none", "unknown"). */
  async countdownSeconds(): Promise<number | undefined> {
    return parseCountdown(await this.text('countdown'));
  }
}

export async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the element has no box: it is not shown');
  return found;
}

/** The element is inside the panel as the user sees it now (whatever the page scrolled itself). */
export async function assertInView(panel: TryItPanel, id: string): Promise<void> {
  const frame = await box(panel.page.locator('iframe.webview.ready').last());
  const element = await box(panel.el(id));
  const inside = element.y >= frame.y && element.y + element.height <= frame.y + frame.height && element.x >= frame.x && element.x + element.width <= frame.x + frame.width;
  if (!inside) throw new Error(`#${id} at ${JSON.stringify(element)} is outside the panel at ${JSON.stringify(frame)}`);
}

/** As assertInView, and the page is not scrolled at all: it was there from the start. */
export async function assertInViewUnscrolled(panel: TryItPanel, id: string): Promise<void> {
  await assertInView(panel, id);
  const scrolled = await panel.el(id).evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
  if (scrolled !== 0) throw new Error(`the panel was scrolled by ${scrolled} px`);
}

/** Opens the panel with "Pipefy: Open Try It" and waits until its page is up and has the host's state. */
export async function openTryIt(page: Page): Promise<TryItPanel> {
  await runCommand(page, 'Pipefy: Open Try It');
  const panel = new TryItPanel(page, webviewFrame(page));
  await panel.el('send').waitFor({ state: 'visible', timeout: 30_000 });
  // The request preview is drawn from the host's `preview` answer: the message round trip works.
  await waitUntil(async () => ((await panel.text('request-preview')).startsWith('POST') ? true : undefined), () => 'the request preview to appear');
  return panel;
}

/** `2d 03h 04m 05s`, `03h 04m 05s`, `04m 05s`, `05s` → seconds. */
export function parseCountdown(text: string): number | undefined {
  const units: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  const parts = [...text.trim().matchAll(/(\d+)([dhms])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join(' ') !== text.trim()) return undefined;
  return parts.reduce((total, [, value, unit]) => total + Number(value) * units[unit], 0);
}
