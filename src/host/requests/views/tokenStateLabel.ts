import type { CachedToken } from '../../../core/token/cachedToken';
import { urgencyColour, urgencyOf } from '../../../core/token/countdown';
import type { TokenActivity } from '../../tokens/tokenService';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A token's state in the Accounts view, at minute precision: the view is redrawn once a minute,
 * so seconds would be stale. The status bar keeps the exact countdown; both use the same urgency.
 */
export function describeTokenState(token: CachedToken | undefined, activity: TokenActivity, now: number): { text: string; color?: string } {
  if (activity.fetching) return { text: 'fetching token…' };
  const failed = activity.lastError ? ' (last fetch failed)' : '';
  const color = THEME_COLOURS[urgencyColour(urgencyOf(token, now, Boolean(activity.lastError))) ?? 'none'];
  if (!token) return { text: `no token${failed}`, color };
  if (token.expiresAt === undefined) return { text: `token, expiry unknown${failed}`, color };
  if (token.expiresAt <= now) return { text: `token expired${failed}`, color };
  return { text: `${timeLeft(token.expiresAt - now)} left${failed}`, color };
}

const THEME_COLOURS = { warning: 'editorWarning.foreground', error: 'errorForeground', none: undefined } as const;

function timeLeft(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)}h ${String(Math.floor((ms % HOUR) / MINUTE)).padStart(2, '0')}m`;
  return `${Math.ceil(ms / MINUTE)} min`;
}
