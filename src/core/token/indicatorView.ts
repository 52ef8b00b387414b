import { formatLocalTime } from './localTime';
import { TokenTimes, formatCountdown, formatShortRemaining, nextTickDelayMs, remainingMs, urgencyColour, urgencyOf } from './countdown';

/**
 * What the status bar shows about the active account's token, as pure functions of one
 * state and the current time, so every state and every tick rule is tested without an editor.
 * The state carries times only, never the token itself.
 */

export interface IndicatorAccount {
  readonly label: string;
  readonly tokenEndpoint: string;
}

export interface IndicatorError {
  readonly message: string;
  readonly code?: string;
  readonly hint?: string;
  /** Epoch ms at which the fetch failed. */
  readonly at: number;
}

export type IndicatorState =
  | { readonly kind: 'noAccount' }
  | { readonly kind: 'noToken'; readonly account: IndicatorAccount }
  | { readonly kind: 'fetching'; readonly account: IndicatorAccount; readonly token?: TokenTimes }
  | { readonly kind: 'valid'; readonly account: IndicatorAccount; readonly token: TokenTimes }
  | { readonly kind: 'expired'; readonly account: IndicatorAccount; readonly token: TokenTimes }
  /** The last fetch failed; a token obtained earlier may still be valid and in use: an outage does not stop work while it lasts. */
  | { readonly kind: 'error'; readonly account: IndicatorAccount; readonly error: IndicatorError; readonly token?: TokenTimes };

/** The raw facts the host gathers; `indicatorStateOf` turns them into exactly one state. */
export interface IndicatorFacts {
  readonly account?: IndicatorAccount;
  readonly token?: TokenTimes;
  readonly fetching: boolean;
  readonly lastError?: IndicatorError;
}

export type IndicatorBackground = NonNullable<ReturnType<typeof urgencyColour>>;

export interface IndicatorTooltip {
  readonly heading: string;
  readonly rows: ReadonlyArray<readonly [label: string, value: string]>;
  readonly footer: string;
}

export interface IndicatorView {
  /** Status-bar text, with `$(codicon)` syntax. */
  readonly text: string;
  readonly tooltip: IndicatorTooltip;
  readonly background?: IndicatorBackground;
  /** When to render again; undefined means no timer at all. */
  readonly nextTickMs?: number;
}

export type TimeFormatter = (epochMs: number, now: number) => string;

export function indicatorStateOf(facts: IndicatorFacts, now: number): IndicatorState {
  const { account, token } = facts;
  if (!account) return { kind: 'noAccount' };
  if (facts.fetching) return { kind: 'fetching', account, token };
  if (facts.lastError) return { kind: 'error', account, error: facts.lastError, token };
  if (!token) return { kind: 'noToken', account };
  return urgencyOf(token, now) === 'expired' ? { kind: 'expired', account, token } : { kind: 'valid', account, token };
}

const KEY = '$(key)';
const FOOTER = 'Click for token actions.';

export function renderIndicator(state: IndicatorState, now: number, formatTime: TimeFormatter = formatLocalTime): IndicatorView {
  if (state.kind === 'noAccount') {
    return {
      text: `${KEY} Pipefy · no account`,
      tooltip: { heading: 'Pipefy: no service account yet', rows: [], footer: 'Click to add a service account.' },
    };
  }
  const { account } = state;
  const accountRows: Array<readonly [string, string]> = [
    ['Account', account.label],
    ['Token endpoint', account.tokenEndpoint],
  ];
  const heading = `Pipefy token · ${account.label}`;
  switch (state.kind) {
    case 'noToken':
      return {
        text: `${KEY} ${account.label} · no token`,
        tooltip: { heading, rows: [...accountRows, ['Token', 'none yet']], footer: FOOTER },
      };
    case 'fetching':
      return {
        text: `$(sync~spin) ${account.label} · fetching…`,
        tooltip: { heading, rows: [...accountRows, ...(state.token ? tokenRows(state.token, now, formatTime) : []), ['Token', 'being fetched']], footer: FOOTER },
      };
    case 'valid':
    case 'expired':
      return renderToken(account, state.token, now, formatTime, heading, accountRows);
    case 'error': {
      const errorRows = [...accountRows, ...(state.token ? tokenRows(state.token, now, formatTime) : []), ...lastErrorRows(state.error, now, formatTime)];
      // While the earlier token is still valid it stays in use, so its countdown stays in view.
      const left = state.token ? remainingMs(state.token, now) : undefined;
      const stillValid = left !== undefined && left > 0;
      return {
        text: `$(warning) ${account.label} · ${stillValid ? formatShortRemaining(left) : 'fetch failed'}`,
        tooltip: { heading, rows: errorRows, footer: FOOTER },
        background: urgencyColour(urgencyOf(state.token, now, true)),
        nextTickMs: stillValid ? nextTickDelayMs(left) : undefined,
      };
    }
  }
}

function renderToken(
  account: IndicatorAccount,
  token: TokenTimes,
  now: number,
  formatTime: TimeFormatter,
  heading: string,
  accountRows: ReadonlyArray<readonly [string, string]>,
): IndicatorView {
  const tooltip = { heading, rows: [...accountRows, ...tokenRows(token, now, formatTime)], footer: FOOTER };
  const urgency = urgencyOf(token, now);
  const background = urgencyColour(urgency);
  if (urgency === 'expired') return { text: `${KEY} ${account.label} · expired`, tooltip, background };
  if (urgency === 'unknown') return { text: `${KEY} ${account.label} · expiry unknown`, tooltip };
  const left = remainingMs(token, now) ?? 0;
  return {
    text: `${KEY} ${account.label} · ${formatShortRemaining(left)}`,
    tooltip,
    background,
    nextTickMs: nextTickDelayMs(left),
  };
}

function tokenRows(token: TokenTimes, now: number, formatTime: TimeFormatter): Array<readonly [string, string]> {
  const expiry: readonly [string, string] =
    token.expiresAt === undefined
      ? ['Expires', 'unknown (the token response gave no lifetime)']
      : token.expiresAt <= now
        ? ['Expired', formatTime(token.expiresAt, now)]
        : // The short form, as in the text: the tooltip is redrawn on the same ticks, so seconds would go stale.
          ['Expires', `${formatTime(token.expiresAt, now)} (in ${formatShortRemaining(token.expiresAt - now)})`];
  return [expiry, ['Obtained', formatTime(token.obtainedAt, now)]];
}

function lastErrorRows(error: IndicatorError, now: number, formatTime: TimeFormatter): Array<readonly [string, string]> {
  const rows: Array<readonly [string, string]> = [
    ['Last error', `${error.code ? `[${error.code}] ` : ''}${error.message} (at ${formatTime(error.at, now)})`],
  ];
  if (error.hint) rows.push(['What to do', error.hint]);
  return rows;
}

/** One phrase for notifications: `expires at 14:03:22 (in 04m 59s)`. */
export function describeExpiry(token: TokenTimes, now: number, formatTime: TimeFormatter = formatLocalTime): string {
  if (token.expiresAt === undefined) return 'has no known expiry (the token response gave no lifetime)';
  if (token.expiresAt <= now) return `expired at ${formatTime(token.expiresAt, now)}`;
  return `expires at ${formatTime(token.expiresAt, now)} (in ${formatCountdown(token.expiresAt - now)})`;
}
