/**
 * Countdown arithmetic shared by the status bar and the Try It panel, so both count the same way.
 * Browser-safe: no Node modules. Every figure is derived from the absolute expiry time, never by
 * decrementing a counter, so a sleeping laptop or a late timer cannot drift.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Urgency = 'ok' | 'warning' | 'expired' | 'unknown';

export interface TokenTimes {
  readonly obtainedAt: number;
  readonly expiresAt?: number;
}

export function remainingMs(times: TokenTimes, now: number): number | undefined {
  return times.expiresAt === undefined ? undefined : Math.max(0, times.expiresAt - now);
}

/** SPEC §3 D: warning when less than 10% of the lifetime or less than 5 minutes is left. */
export function urgencyOf(times: TokenTimes, now: number): Urgency {
  const left = remainingMs(times, now);
  if (left === undefined) return 'unknown';
  if (left <= 0) return 'expired';
  const lifetime = (times.expiresAt ?? now) - times.obtainedAt;
  return left < 5 * MINUTE || left < lifetime * 0.1 ? 'warning' : 'ok';
}

/** Full countdown for the panel: `2d 03h 04m 05s`, `03h 04m 05s`, `04m 05s`, `05s`. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days) return `${days}d ${pad(hours)}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (hours) return `${pad(hours)}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes) return `${pad(minutes)}m ${pad(seconds)}s`;
  return `${pad(seconds)}s`;
}

/** Short form for the status bar: `29d 23h` (a day or more), `5h 03m` (an hour or more), `04:59`. */
export function formatShortRemaining(ms: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
  const total = Math.ceil(ms / SECOND);
  // Seconds round up, so the second before the hour mark would read "60:00": show it as the hour.
  if (total >= 3600) {
    const shown = Math.max(ms, HOUR);
    return `${Math.floor(shown / HOUR)}h ${pad(Math.floor((shown % HOUR) / MINUTE))}m`;
  }
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/**
 * When the display next changes: none without a token or once expired, once a minute while more
 * than an hour is left, once a second in the last hour (SPEC §3 D). Aligned to the boundary at
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
