import assert from 'node:assert/strict';
import { describeAllPages, describeProgress } from '../../../../src/core/requests/allPagesView';

const SETTING = 'pipefy.runAllPages.maxItems';

describe('Run All Pages: what the progress and the headline say', () => {
  it('gives the page, the items so far and, at the pace so far, the most time left to the cap', () => {
    assert.equal(describeProgress({ page: 7, items: 350, elapsedMs: 3500 }, 10_000), 'Page 7 · 350 items · at most 1 min 37 s left at this pace');
    assert.equal(describeProgress({ page: 1, items: 0, elapsedMs: 10 }, 10_000), 'Page 1 · 0 items');
  });

  it('says complete, capped, cancelled or failed, with pages, items and duration', () => {
    const base = { pages: 200, items: 10_000, durationMs: 12_345 };
    assert.equal(describeAllPages({ ...base, end: 'complete' }, 10_000, SETTING), 'Complete: 200 pages, 10,000 items in 12.3 s');
    assert.equal(describeAllPages({ ...base, end: 'capped' }, 10_000, SETTING), `Stopped at the cap of 10,000 items (${SETTING}); there are more: 200 pages, 10,000 items in 12.3 s`);
    assert.equal(describeAllPages({ pages: 3, items: 150, durationMs: 900, end: 'cancelled' }, 10_000, SETTING), 'Cancelled after page 3; kept 3 pages, 150 items in 0.9 s');
    assert.equal(describeAllPages({ pages: 0, items: 0, durationMs: 300, end: 'cancelled' }, 10_000, SETTING), 'Cancelled before any page came back: 0 pages, 0 items in 0.3 s');
    assert.equal(
      describeAllPages({ pages: 6, items: 300, durationMs: 61_000, end: 'failed', failure: { page: 7, message: 'INTERNAL_SERVER_ERROR: Boom.' } }, 10_000, SETTING),
      'Failed on page 7: INTERNAL_SERVER_ERROR: Boom. Kept 6 pages, 300 items in 1 min 1 s',
    );
  });
});
