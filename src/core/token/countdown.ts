/**
 * Countdown arithmetic shared by the status bar and the Try It panel, so both count the same way.
 * Browser-safe: no Node modules. Every figure is derived from the absolute expiry time, never by
 * decrementing a counter, so a sleeping laptop or a late timer cannot drift.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How urgent a token is, for every place that colours it (the status bar, the Try It countdown and
 * the Accounts view): `ok` and `unknown` are calm, `warning` is the warning colour, `expired` and
 * `failed` the error colour.
 */
export type Urgency = 'ok' | 'warning' | 'expired' | 'failed' | 'unknown';

/** The warning never starts earlier than this before the expiry. */
export const WARNING_MAX_MS = 5 * MINUTE;
/** …nor with more than this share of the lifetime left, so a fresh short-lived token starts calm. */
export const WARNING_LIFETIME_SHARE = 0.2;

export interface TokenTimes {
  readonly obtainedAt: number;
  readonly expiresAt?: number;
}

export function remainingMs(times: TokenTimes, now: number): number | undefined {
  return times.expiresAt === undefined ? undefined : Math.max(0, times.expiresAt - now);
}

/**
 * The one urgency rule. A colour that is on from a token's first second teaches users to ignore it,
 * so the warning waits until less than the smaller of 5 minutes and 20% of the lifetime is left.
 * Expired comes before a failed fetch: an expired token is the more useful thing to say.
 */
export function urgencyOf(times: TokenTimes | undefined, now: number, lastFetchFailed = false): Urgency {
  const left = times && remainingMs(times, now);
  if (left !== undefined && left <= 0) return 'expired';
  if (lastFetchFailed) return 'failed';
  if (!times || left === undefined) return 'unknown';
  const lifetime = Math.max(0, (times.expiresAt ?? now) - times.obtainedAt);
  return left < Math.min(WARNING_MAX_MS, lifetime * WARNING_LIFETIME_SHARE) ? 'warning' : 'ok';
}

/** The colour an urgency wears, wherever it is shown. */
export function urgencyColour(urgency: Urgency): 'warning' | 'error' | undefined {
  if (urgency === 'warning') return 'warning';
  return urgency === 'expired' || urgency === 'failed' ? 'error' : undefined;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** Full countdown for the panel: `2d 03h 04m 05s`, `03h 04m 05s`, `04m 05s`, `05s`. Seconds round up. */
export function formatCountdown(ms: number): string {
  const shown = Math.max(0, Math.ceil(ms / SECOND)) * SECOND;
  const days = Math.floor(shown / DAY);
  const hours = twoDigits(Math.floor((shown % DAY) / HOUR));
  const minutes = twoDigits(Math.floor((shown % HOUR) / MINUTE));
  const seconds = twoDigits((shown % MINUTE) / SECOND);
  if (days) return `${days}d ${hours}h ${minutes}m ${seconds}s`;
  if (shown >= HOUR) return `${hours}h ${minutes}m ${seconds}s`;
  if (shown >= MINUTE) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** Short form for the status bar: `29d 23h` (a day or more), `5h 03m` (an hour or more), `04:59`. */
export function formatShortRemaining(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
  const total = Math.ceil(ms / SECOND);
  // Seconds round up, so the second before the hour mark would read "60:00": show it as the hour.
  if (total >= 3600) {
    const shown = Math.max(ms, HOUR);
    return `${Math.floor(shown / HOUR)}h ${twoDigits(Math.floor((shown % HOUR) / MINUTE))}m`;
  }
  return `${twoDigits(Math.floor(total / 60))}:${twoDigits(total % 60)}`;
}

/**
 * When the display next changes: none without a token or once expired, once a minute while more
 * than an hour is left, once a second in the last hour, when seconds start to matter. Aligned to the boundary at
 * which the shown figure changes, so the text never lags by up to a whole tick.
 */
export function nextTickDelayMs(left: number | undefined): number | undefined {
  if (left === undefined || left <= 0) return undefined;
  if (left > HOUR) {
    const untilHourMark = left - HOUR;
    return Math.min(untilHourMark, left % MINUTE || MINUTE);
  }
  return left % SECOND || SECOND;
}
