import { formatShortRemaining } from '../token/countdown';
import { type IndicatorView, type TimeFormatter } from '../token/indicatorView';
import { formatLocalTime } from '../token/localTime';
import type { Lockout } from './originGate';

/** Where the lockout's end comes from, in words. */
function sourceOf(lockout: Lockout): string {
  if (lockout.source === 'assumed') return "no Retry-After, so Pipefy's 5-minute block is assumed";
  return `Retry-After: ${Math.round((lockout.until - lockout.since) / 1000)} s`;
}

/** For the response to the 429 itself: `Requests to https://api.pipefy.com are held until 14:05:00 (…)…`. */
export function describeLockout(lockout: Lockout, now: number, formatTime: TimeFormatter = formatLocalTime): string {
  return `Requests to ${lockout.origin} are held until ${formatTime(lockout.until, now)} (${sourceOf(lockout)}): each one sent earlier could prolong the block.`;
}

/** For a request that was not sent because its origin is locked out. */
export function describeHeld(lockout: Lockout, now: number, formatTime: TimeFormatter = formatLocalTime): string {
  return (
    `${lockout.origin} answered 429 (rate limit) at ${formatTime(lockout.since, now)} and is blocked until ${formatTime(lockout.until, now)}` +
    ` (in ${formatShortRemaining(lockout.until - now)}; ${sourceOf(lockout)}). Each request sent before then could prolong the block.`
  );
}

/**
 * The status-bar view with a row per locked-out origin added to its tooltip, and a redraw when
 * the first lockout ends so the row goes away on time.
 */
export function withLockouts(view: IndicatorView, lockouts: readonly Lockout[], now: number, formatTime: TimeFormatter = formatLocalTime): IndicatorView {
  const active = lockouts.filter((lockout) => lockout.until > now);
  if (active.length === 0) return view;
  const rows = active.map(
    (lockout): readonly [string, string] => [
      'Rate limited',
      // The origin last: a hover's markdown links a URL, and shows the escapes of what follows it.
      `until ${formatTime(lockout.until, now)} (${sourceOf(lockout)}), requests are held to ${lockout.origin}`,
    ],
  );
  const untilFirstEnds = Math.min(...active.map((lockout) => lockout.until - now));
  return {
    ...view,
    tooltip: { ...view.tooltip, rows: [...view.tooltip.rows, ...rows] },
    nextTickMs: view.nextTickMs === undefined ? untilFirstEnds : Math.min(view.nextTickMs, untilFirstEnds),
  };
}
