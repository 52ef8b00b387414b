import assert from 'node:assert/strict';
import type { TokenTimes } from '../../../../src/core/token/countdown';
import {
  IndicatorFacts,
  IndicatorState,
  IndicatorView,
  describeExpiry,
  indicatorStateOf,
  renderIndicator,
} from '../../../../src/core/token/indicatorView';
import { formatLocalTime } from '../../../../src/core/token/localTime';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-03-01T12:00:00Z');

const account = { label: 'prod', tokenEndpoint: 'https://app.pipefy.com/oauth/token' };
/** Predictable times in the tooltip: `t+<seconds>` relative to T0. */
const formatTime = (ms: number) => `t+${(ms - T0) / SECOND}`;
const error = { code: 'invalid_client', message: 'The token endpoint refused the request (401 invalid_client).', hint: 'Check the client ID and secret.', at: T0 + 10 * SECOND };

function tokenFor(lifetimeMs: number | undefined, obtainedAt = T0): TokenTimes {
  return { obtainedAt, expiresAt: lifetimeMs === undefined ? undefined : obtainedAt + lifetimeMs };
}

function render(state: IndicatorState, now: number): IndicatorView {
  return renderIndicator(state, now, formatTime);
}

function tooltipText(view: IndicatorView): string {
  return [view.tooltip.heading, ...view.tooltip.rows.map(([label, value]) => `${label}: ${value}`), view.tooltip.footer].join('\n');
}

describe('indicatorView', () => {
  describe('indicatorStateOf', () => {
    const facts = (more: Partial<IndicatorFacts>): IndicatorFacts => ({ account, fetching: false, ...more });

    it('has no account before any account exists, whatever else is known', () => {
      assert.deepEqual(indicatorStateOf({ fetching: true, lastError: error }, T0), { kind: 'noAccount' });
    });

    it('has no token when the account has none', () => {
      assert.deepEqual(indicatorStateOf(facts({}), T0), { kind: 'noToken', account });
    });

    it('is fetching while a request is in flight, keeping the old token for the tooltip', () => {
      const token = tokenFor(HOUR);
      assert.deepEqual(indicatorStateOf(facts({ fetching: true, token, lastError: error }), T0), { kind: 'fetching', account, token });
    });

    it('is in error after a failed fetch, with or without a token still held', () => {
      const token = tokenFor(HOUR);
      assert.deepEqual(indicatorStateOf(facts({ token, lastError: error }), T0), { kind: 'error', account, error, token });
      assert.deepEqual(indicatorStateOf(facts({ lastError: error }), T0), { kind: 'error', account, error, token: undefined });
    });

    it('is valid before the expiry and expired from the expiry on', () => {
      const token = tokenFor(HOUR);
      assert.equal(indicatorStateOf(facts({ token }), T0 + HOUR - 1).kind, 'valid');
      assert.equal(indicatorStateOf(facts({ token }), T0 + HOUR).kind, 'expired');
    });

    it('counts a token without a known expiry as valid', () => {
      assert.equal(indicatorStateOf(facts({ token: tokenFor(undefined) }), T0 + 365 * DAY).kind, 'valid');
    });
  });

  describe('renderIndicator', () => {
    it('no account: invites to add one, plain background, no timer', () => {
      const view = render({ kind: 'noAccount' }, T0);
      assert.equal(view.text, '$(key) Pipefy · no account');
      assert.equal(view.background, undefined);
      assert.equal(view.nextTickMs, undefined);
      assert.match(view.tooltip.footer, /add a service account/);
    });

    it('no token: names the account and its endpoint, no timer', () => {
      const view = render({ kind: 'noToken', account }, T0);
      assert.equal(view.text, '$(key) prod · no token');
      assert.equal(view.background, undefined);
      assert.equal(view.nextTickMs, undefined);
      assert.deepEqual(view.tooltip.rows.slice(0, 2), [
        ['Account', 'prod'],
        ['Token endpoint', 'https://app.pipefy.com/oauth/token'],
      ]);
    });

    it('fetching: spins, no timer (the fetch ending re-renders)', () => {
      const view = render({ kind: 'fetching', account, token: tokenFor(HOUR) }, T0 + MINUTE);
      assert.equal(view.text, '$(sync~spin) prod · fetching…');
      assert.equal(view.background, undefined);
      assert.equal(view.nextTickMs, undefined);
      assert.match(tooltipText(view), /Expires: t\+3600 \(in 59:00\)/);
    });

    it('valid with days left: days and hours, ticking on the next minute', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(30 * DAY) }, T0 + SECOND);
      assert.equal(view.text, '$(key) prod · 29d 23h');
      assert.equal(view.background, undefined);
      assert.equal(view.nextTickMs, MINUTE - SECOND);
    });

    it('valid with 61 minutes left: ticks once a minute', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(5 * HOUR) }, T0 + 5 * HOUR - 61 * MINUTE);
      assert.equal(view.text, '$(key) prod · 1h 01m');
      assert.equal(view.nextTickMs, MINUTE);
    });

    it('valid with exactly one hour left: ticks once a second from here on', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(5 * HOUR) }, T0 + 5 * HOUR - HOUR);
      assert.equal(view.text, '$(key) prod · 1h 00m');
      assert.equal(view.nextTickMs, SECOND);
    });

    it('valid with 59:59 left: mm:ss, once a second', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(5 * HOUR) }, T0 + 5 * HOUR - HOUR + SECOND);
      assert.equal(view.text, '$(key) prod · 59:59');
      assert.equal(view.background, undefined);
      assert.equal(view.nextTickMs, SECOND);
    });

    it('valid with part of a second: ticks at the second boundary', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(DAY) }, T0 + DAY - 30 * MINUTE - 250);
      assert.equal(view.text, '$(key) prod · 30:01');
      assert.equal(view.nextTickMs, 250);
    });

    it('warning background under 5 minutes left', () => {
      assert.equal(render({ kind: 'valid', account, token: tokenFor(30 * MINUTE) }, T0 + 25 * MINUTE).background, undefined);
      const view = render({ kind: 'valid', account, token: tokenFor(30 * MINUTE) }, T0 + 25 * MINUTE + SECOND);
      assert.equal(view.text, '$(key) prod · 04:59');
      assert.equal(view.background, 'warning');
    });

    it('a fresh 5-minute token is calm; the warning background comes in its last minute only', () => {
      const token = tokenFor(5 * MINUTE);
      assert.equal(render({ kind: 'valid', account, token }, T0).background, undefined);
      assert.equal(render({ kind: 'valid', account, token }, T0 + 4 * MINUTE).background, undefined);
      const view = render({ kind: 'valid', account, token }, T0 + 4 * MINUTE + SECOND);
      assert.equal(view.text, '$(key) prod · 00:59');
      assert.equal(view.background, 'warning');
    });

    it('a 30-day token is calm until its last 5 minutes, with days to go', () => {
      const token = tokenFor(30 * DAY);
      assert.equal(render({ kind: 'valid', account, token }, T0 + 27 * DAY + HOUR).background, undefined);
      assert.equal(render({ kind: 'valid', account, token }, T0 + 30 * DAY - 5 * MINUTE + SECOND).background, 'warning');
    });

    it('valid without a known expiry: says so, no timer', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(undefined) }, T0);
      assert.equal(view.text, '$(key) prod · expiry unknown');
      assert.equal(view.background, undefined);
      assert.equal(view.nextTickMs, undefined);
      assert.match(tooltipText(view), /Expires: unknown/);
    });

    it('last tick lands on the expiry itself', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(5 * MINUTE) }, T0 + 5 * MINUTE - 400);
      assert.equal(view.text, '$(key) prod · 00:01');
      assert.equal(view.nextTickMs, 400);
    });

    it('expired: error background, no timer', () => {
      const view = render({ kind: 'expired', account, token: tokenFor(5 * MINUTE) }, T0 + 5 * MINUTE);
      assert.equal(view.text, '$(key) prod · expired');
      assert.equal(view.background, 'error');
      assert.equal(view.nextTickMs, undefined);
      assert.match(tooltipText(view), /Expired: t\+300/);
    });

    it('a valid state rendered after its expiry shows expired (the countdown is from the absolute expiry)', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(5 * MINUTE) }, T0 + 6 * MINUTE);
      assert.equal(view.text, '$(key) prod · expired');
      assert.equal(view.background, 'error');
      assert.equal(view.nextTickMs, undefined);
    });

    it('error without a usable token: fetch failed, error background, no timer', () => {
      const view = render({ kind: 'error', account, error }, T0 + MINUTE);
      assert.equal(view.text, '$(warning) prod · fetch failed');
      assert.equal(view.background, 'error');
      assert.equal(view.nextTickMs, undefined);
      const text = tooltipText(view);
      assert.match(text, /Last error: \[invalid_client\] The token endpoint refused the request \(401 invalid_client\)\. \(at t\+10\)/);
      assert.match(text, /What to do: Check the client ID and secret\./);
    });

    it('error while an earlier token is still valid: keeps counting down, error background', () => {
      const view = render({ kind: 'error', account, error, token: tokenFor(2 * HOUR) }, T0 + HOUR + 30 * SECOND);
      assert.equal(view.text, '$(warning) prod · 59:30');
      assert.equal(view.background, 'error');
      assert.equal(view.nextTickMs, SECOND);
    });

    it('error with days left ticks once a minute', () => {
      const view = render({ kind: 'error', account, error, token: tokenFor(30 * DAY) }, T0 + 30 * SECOND);
      assert.equal(view.text, '$(warning) prod · 29d 23h');
      assert.equal(view.nextTickMs, 30 * SECOND);
    });

    it('error once the earlier token has expired too: fetch failed, no timer', () => {
      const view = render({ kind: 'error', account, error, token: tokenFor(5 * MINUTE) }, T0 + 5 * MINUTE);
      assert.equal(view.text, '$(warning) prod · fetch failed');
      assert.equal(view.nextTickMs, undefined);
    });

    it('tooltip: account, endpoint, expiry in local time with the countdown, obtained at', () => {
      const view = render({ kind: 'valid', account, token: tokenFor(HOUR) }, T0 + 30 * MINUTE);
      assert.deepEqual(view.tooltip.rows, [
        ['Account', 'prod'],
        ['Token endpoint', 'https://app.pipefy.com/oauth/token'],
        ['Expires', 't+3600 (in 30:00)'],
        ['Obtained', 't+0'],
      ]);
    });

    it('never carries a token, even when handed a whole cached token', () => {
      const cached = { ...tokenFor(HOUR), accessToken: 'tok-SECRET-123', tokenType: 'bearer', refreshAt: T0 + HOUR - MINUTE };
      const states: IndicatorState[] = [
        { kind: 'valid', account, token: cached },
        { kind: 'fetching', account, token: cached },
        { kind: 'expired', account, token: cached },
        { kind: 'error', account, error, token: cached },
      ];
      for (const state of states) {
        const view = render(state, T0 + MINUTE);
        assert.doesNotMatch(`${view.text}\n${tooltipText(view)}`, /tok-SECRET-123/);
      }
    });

    it('every state without a countdown on screen has no timer', () => {
      const noTimer: IndicatorState[] = [
        { kind: 'noAccount' },
        { kind: 'noToken', account },
        { kind: 'fetching', account },
        { kind: 'fetching', account, token: tokenFor(HOUR) },
        { kind: 'expired', account, token: tokenFor(HOUR) },
        { kind: 'error', account, error },
      ];
      for (const state of noTimer) assert.equal(render(state, T0 + 2 * HOUR).nextTickMs, undefined, state.kind);
    });
  });

  describe('describeExpiry', () => {
    it('says when and how long', () => {
      assert.equal(describeExpiry(tokenFor(5 * MINUTE), T0 + SECOND, formatTime), 'expires at t+300 (in 04m 59s)');
      assert.equal(describeExpiry(tokenFor(5 * MINUTE), T0 + 5 * MINUTE, formatTime), 'expired at t+300');
      assert.match(describeExpiry(tokenFor(undefined), T0, formatTime), /no known expiry/);
    });
  });

  describe('formatLocalTime', () => {
    it('shows the time only for today, and the date otherwise', () => {
      // Local noon, so an hour later is the same local day in every time zone.
      const noon = new Date(2025, 2, 1, 12, 0, 0).getTime();
      assert.equal(formatLocalTime(noon + HOUR, noon), new Date(noon + HOUR).toLocaleTimeString());
      assert.equal(formatLocalTime(noon + 3 * DAY, noon), new Date(noon + 3 * DAY).toLocaleString());
    });
  });
});
