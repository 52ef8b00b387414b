import type { CachedToken } from './cachedToken';
import { formatShortRemaining, urgencyColour, urgencyOf } from './countdown';
import type { TokenActivity } from './tokenActivity';

/**
 * A token's state in the Accounts view, in the status bar's own words (`04:59`, `5h 03m`,
 * `29d 23h`) and urgency: one clock, so the two never disagree. The view redraws when that text
 * changes (accountsView.ts).
 */
export function describeTokenState(token: CachedToken | undefined, activity: TokenActivity, now: number): { text: string; color?: string } {
  if (activity.fetching) return { text: 'fetching token…' };
  const failed = activity.lastError ? ' (last fetch failed)' : '';
  const color = THEME_COLOURS[urgencyColour(urgencyOf(token, now, Boolean(activity.lastError))) ?? 'none'];
  if (!token) return { text: `no token${failed}`, color };
  if (token.expiresAt === undefined) return { text: `token, expiry unknown${failed}`, color };
  if (token.expiresAt <= now) return { text: `token expired${failed}`, color };
  return { text: `${formatShortRemaining(token.expiresAt - now)} left${failed}`, color };
}

const THEME_COLOURS = { warning: 'editorWarning.foreground', error: 'errorForeground', none: undefined } as const;
