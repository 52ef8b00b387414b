/**
 * The live expiry countdown of the Try It panel. Every figure is computed from the absolute expiry time the
 * host sent, with the same arithmetic as the status bar, so a sleeping machine or a late timer
 * cannot drift. It ticks once a second, and only while the panel is visible.
 */
import { formatCountdown, remainingMs, urgencyOf } from '../../src/core/token/countdown';
import type { TokenTimesView } from '../../src/protocol/tryIt/views';
import { formatLocalTime } from './format';
import type { TryItPage } from './tryItPage';

const URGENCY_WORDS = { ok: 'valid', warning: 'expires soon', expired: 'expired', failed: 'the last token request failed', unknown: 'expiry unknown' } as const;

export class CountdownView {
  private token: TokenTimesView | undefined;
  private owner = '';
  private fetchFailed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly page: TryItPage) {
    document.addEventListener('visibilitychange', () => this.update());
  }

  /**
   * A token to count down, or `cleared` when the shared cache no longer holds it. `fetchFailed`:
   * the token was cached earlier and the request just sent failed, as the status bar shows too.
   */
  show(token: TokenTimesView | 'cleared' | undefined, owner: string, fetchFailed = false): void {
    this.owner = owner;
    this.fetchFailed = fetchFailed;
    this.token = token === 'cleared' ? undefined : token;
    this.page.token.hidden = token === undefined;
    if (token === 'cleared') this.showCleared();
    else this.update();
  }

  private showCleared(): void {
    this.stop();
    this.page.countdownCaption.textContent = 'Token';
    this.page.countdown.textContent = 'none';
    this.page.countdown.dataset.urgency = 'expired';
    this.page.tokenDetails.textContent = `${this.owner}: the cached token was cleared.`;
    this.page.expiredMessage.textContent = 'There is no token now. Get a new one to go on.';
    this.page.expired.hidden = false;
  }

  private update(): void {
    this.stop();
    const token = this.token;
    if (!token) return;
    const now = Date.now();
    const left = remainingMs(token, now);
    const urgency = urgencyOf(token, now, this.fetchFailed);
    this.page.countdownCaption.textContent = urgency === 'expired' ? 'Token' : urgency === 'unknown' ? 'Expiry' : 'Expires in';
    this.page.countdown.textContent = left === undefined ? 'unknown' : urgency === 'expired' ? 'expired' : formatCountdown(left);
    this.page.countdown.dataset.urgency = urgency;
    this.page.countdown.setAttribute('aria-label', left === undefined ? 'Expiry unknown' : `${formatCountdown(left)} left, ${URGENCY_WORDS[urgency]}`);
    const type = token.tokenType ? `${token.tokenType} token` : 'Token';
    const expiry = token.expiresAt === undefined ? 'the server did not say when it expires' : `expires ${formatLocalTime(token.expiresAt)}`;
    this.page.tokenDetails.textContent = `${type} for ${this.owner} · obtained ${formatLocalTime(token.obtainedAt)} · ${expiry} (local time)`;
    this.page.expiredMessage.textContent = 'This token has expired. Requests sent with it will be refused.';
    this.page.expired.hidden = urgency !== 'expired';
    // Align to the moment the shown second changes; no timer while hidden or once expired.
    if (left !== undefined && left > 0 && document.visibilityState === 'visible') {
      this.timer = setTimeout(() => this.update(), left % 1000 || 1000);
    }
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
