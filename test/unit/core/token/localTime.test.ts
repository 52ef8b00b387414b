import assert from 'node:assert/strict';
import { formatLocalTime, formatShortLocalTime } from '../../../../src/core/token/localTime';

describe('local time wording, shared by the status bar, the history and the Try It panel', () => {
  // Local noon, so a few hours later is the same local day in every time zone.
  const noon = new Date(2026, 2, 14, 12, 0, 0).getTime();
  const later = new Date(2026, 2, 14, 15, 30, 5).getTime();
  const tomorrow = new Date(2026, 2, 15, 9, 0, 0).getTime();

  it('shows only the time for a moment today, and the date too for another day', () => {
    assert.equal(formatLocalTime(later, noon), new Date(later).toLocaleTimeString());
    assert.equal(formatLocalTime(tomorrow, noon), new Date(tomorrow).toLocaleString());
  });

  it('in short, hours and minutes today, with the month and day on another day', () => {
    const time = new Date(later).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    assert.equal(formatShortLocalTime(later, noon), time);
    assert.match(time, /30/);
    assert.doesNotMatch(time, /:05/, 'no seconds');
    assert.equal(formatShortLocalTime(tomorrow, noon), `${new Date(tomorrow).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${new Date(tomorrow).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`);
  });
});
