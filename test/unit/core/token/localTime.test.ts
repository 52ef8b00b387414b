import assert from 'node:assert/strict';
import { formatLocalTime } from '../../../../src/core/token/localTime';
import { formatLocalTime as panelTime } from '../../../../webview/tryIt/format';

describe('local time wording, shared by the status bar and the Try It panel', () => {
  const noon = new Date(2026, 2, 14, 12, 0, 0).getTime();

  it('shows only the time for a moment today, and the date too for another day', () => {
    const later = new Date(2026, 2, 14, 15, 30, 5).getTime();
    assert.equal(formatLocalTime(later, noon), new Date(later).toLocaleTimeString());
    const tomorrow = new Date(2026, 2, 15, 9, 0, 0).getTime();
    assert.equal(formatLocalTime(tomorrow, noon), new Date(tomorrow).toLocaleString());
  });

  it('is the very function the panel uses', () => {
    assert.equal(panelTime, formatLocalTime);
  });
});
