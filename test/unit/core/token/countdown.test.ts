import assert from 'node:assert/strict';
import { formatCountdown, formatShortRemaining, nextTickDelayMs, remainingMs, urgencyColour, urgencyOf } from '../../../../src/core/token/countdown';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('countdown', () => {
  describe('remainingMs', () => {
    it('is undefined when the expiry is unknown', () => {
      assert.equal(remainingMs({ obtainedAt: T0 }, T0), undefined);
    });

    it('counts down from the absolute expiry and never goes below zero', () => {
      const times = { obtainedAt: T0, expiresAt: T0 + 5 * MINUTE };
      assert.equal(remainingMs(times, T0 + MINUTE), 4 * MINUTE);
      assert.equal(remainingMs(times, T0 + 10 * MINUTE), 0);
    });
  });

  describe('formatCountdown', () => {
    it('shows days, hours, minutes and seconds, dropping leading zero units', () => {
      assert.equal(formatCountdown(2 * DAY + 3 * HOUR + 4 * MINUTE + 5 * SECOND), '2d 03h 04m 05s');
      assert.equal(formatCountdown(3 * HOUR + 4 * MINUTE + 5 * SECOND), '03h 04m 05s');
      assert.equal(formatCountdown(4 * MINUTE + 5 * SECOND), '04m 05s');
      assert.equal(formatCountdown(5 * SECOND), '05s');
    });

    it('rounds part seconds up, so it reads zero only once the time is up', () => {
      assert.equal(formatCountdown(1), '01s');
      assert.equal(formatCountdown(59_999), '01m 00s');
      assert.equal(formatCountdown(0), '00s');
      assert.equal(formatCountdown(-5 * SECOND), '00s');
    });

    it('keeps the zero units in the middle', () => {
      assert.equal(formatCountdown(DAY), '1d 00h 00m 00s');
      assert.equal(formatCountdown(HOUR + 5 * SECOND), '01h 00m 05s');
    });
  });

  describe('formatShortRemaining', () => {
    it('shows days and hours for a day or more', () => {
      assert.equal(formatShortRemaining(30 * DAY), '30d 0h');
      assert.equal(formatShortRemaining(30 * DAY - SECOND), '29d 23h');
      assert.equal(formatShortRemaining(DAY), '1d 0h');
    });

    it('shows hours and minutes from one hour up', () => {
      assert.equal(formatShortRemaining(DAY - 1), '23h 59m');
      assert.equal(formatShortRemaining(61 * MINUTE), '1h 01m');
      assert.equal(formatShortRemaining(HOUR), '1h 00m');
    });

    it('shows mm:ss in the last hour', () => {
      assert.equal(formatShortRemaining(HOUR - SECOND), '59:59');
      assert.equal(formatShortRemaining(5 * MINUTE), '05:00');
      assert.equal(formatShortRemaining(5 * MINUTE - SECOND), '04:59');
      assert.equal(formatShortRemaining(SECOND), '00:01');
    });

    it('rounds part seconds up in the last hour, and reads 00:00 only at zero', () => {
      assert.equal(formatShortRemaining(299_500), '05:00');
      assert.equal(formatShortRemaining(299_000), '04:59');
      assert.equal(formatShortRemaining(1), '00:01');
      assert.equal(formatShortRemaining(0), '00:00');
    });

    it('never reads 60:00 in the second before the last hour starts', () => {
      assert.equal(formatShortRemaining(HOUR - 500), '1h 00m');
      assert.equal(formatShortRemaining(HOUR - 1), '1h 00m');
      assert.equal(formatShortRemaining(HOUR - SECOND), '59:59');
    });
  });

  describe('urgencyOf', () => {
    it('is unknown without an expiry, or without a token', () => {
      assert.equal(urgencyOf({ obtainedAt: T0 }, T0 + DAY), 'unknown');
      assert.equal(urgencyOf(undefined, T0), 'unknown');
    });

    it('is expired at and after the expiry, even when the last fetch failed', () => {
      const times = { obtainedAt: T0, expiresAt: T0 + HOUR };
      assert.equal(urgencyOf(times, T0 + HOUR), 'expired');
      assert.equal(urgencyOf(times, T0 + 2 * HOUR), 'expired');
      assert.equal(urgencyOf(times, T0 + HOUR, true), 'expired');
      assert.equal(urgencyOf(times, T0 + HOUR - 1), 'warning');
    });

    it('is failed while the last fetch failed, with a valid token, none, or no known expiry', () => {
      assert.equal(urgencyOf({ obtainedAt: T0, expiresAt: T0 + HOUR }, T0, true), 'failed');
      assert.equal(urgencyOf(undefined, T0, true), 'failed');
      assert.equal(urgencyOf({ obtainedAt: T0 }, T0, true), 'failed');
    });

    it('a fresh token is never a warning, however short its lifetime', () => {
      for (const lifetime of [5 * SECOND, MINUTE, 5 * MINUTE, HOUR, 30 * DAY]) {
        assert.equal(urgencyOf({ obtainedAt: T0, expiresAt: T0 + lifetime }, T0), 'ok', `lifetime ${lifetime} ms`);
      }
    });

    it('on a 5-minute token, warns only in the last minute (20% of the lifetime)', () => {
      const times = { obtainedAt: T0, expiresAt: T0 + 5 * MINUTE };
      assert.equal(urgencyOf(times, T0 + 4 * MINUTE), 'ok');
      assert.equal(urgencyOf(times, T0 + 4 * MINUTE + 1), 'warning');
    });

    it('on a 25-minute token the two limits meet: warns with less than 5 minutes left', () => {
      const times = { obtainedAt: T0, expiresAt: T0 + 25 * MINUTE };
      assert.equal(urgencyOf(times, T0 + 20 * MINUTE), 'ok');
      assert.equal(urgencyOf(times, T0 + 20 * MINUTE + 1), 'warning');
    });

    it('on longer tokens, warns with less than 5 minutes left, however long the lifetime', () => {
      for (const lifetime of [HOUR, 30 * DAY]) {
        const times = { obtainedAt: T0, expiresAt: T0 + lifetime };
        assert.equal(urgencyOf(times, T0 + lifetime - 5 * MINUTE), 'ok', `lifetime ${lifetime} ms`);
        assert.equal(urgencyOf(times, T0 + lifetime - 5 * MINUTE + 1), 'warning', `lifetime ${lifetime} ms`);
      }
    });
  });

  describe('urgencyColour', () => {
    it('calm for ok and unknown, the warning colour for warning, the error colour for expired and failed', () => {
      assert.equal(urgencyColour('ok'), undefined);
      assert.equal(urgencyColour('unknown'), undefined);
      assert.equal(urgencyColour('warning'), 'warning');
      assert.equal(urgencyColour('expired'), 'error');
      assert.equal(urgencyColour('failed'), 'error');
    });
  });

  describe('nextTickDelayMs', () => {
    it('has no timer without a token expiry, or once expired', () => {
      assert.equal(nextTickDelayMs(undefined), undefined);
      assert.equal(nextTickDelayMs(0), undefined);
      assert.equal(nextTickDelayMs(-1), undefined);
    });

    it('ticks once a minute while more than an hour is left, on the minute boundary', () => {
      assert.equal(nextTickDelayMs(2 * HOUR), MINUTE);
      assert.equal(nextTickDelayMs(10 * DAY + 30 * SECOND), 30 * SECOND);
      assert.equal(nextTickDelayMs(61 * MINUTE), MINUTE);
      assert.equal(nextTickDelayMs(61 * MINUTE + 30 * SECOND), 30 * SECOND);
    });

    it('never sleeps past the start of the last hour', () => {
      assert.equal(nextTickDelayMs(HOUR + 500), 500);
      assert.equal(nextTickDelayMs(HOUR + 1), 1);
    });

    it('ticks once a second from exactly one hour left', () => {
      assert.equal(nextTickDelayMs(HOUR), SECOND);
      assert.equal(nextTickDelayMs(HOUR - SECOND), SECOND);
      assert.equal(nextTickDelayMs(HOUR - SECOND - 250), 750);
      assert.equal(nextTickDelayMs(3_599_500), 500);
    });

    it('fires at the expiry itself in the last second', () => {
      assert.equal(nextTickDelayMs(SECOND), SECOND);
      assert.equal(nextTickDelayMs(400), 400);
      assert.equal(nextTickDelayMs(1), 1);
    });

    it('lands on the moment the short display changes', () => {
      for (const left of [HOUR - 250, 299_500, 61 * MINUTE + 12_345, 3 * DAY + 7 * SECOND]) {
        const delay = nextTickDelayMs(left)!;
        assert.notEqual(formatShortRemaining(left - delay + 1), formatShortRemaining(left - delay - 1), `at ${left}`);
      }
    });
  });
});
