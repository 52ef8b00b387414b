import assert from 'node:assert/strict';
import type { AllPagesResult } from '../../../../src/core/requests/allPages';
import { reportAllPages } from '../../../../src/core/requests/allPagesReport';

const SETTING = 'pipefy.runAllPages.maxItems';
const base: AllPagesResult = { end: 'complete', pages: 3, items: 150, durationMs: 1200, lastStatus: 200 };
const keep = (text: string) => text;

describe('Run All Pages report: the history entry and the notice', () => {
  it('a complete run is ok, has no error, says nothing more in history, and offers every export', () => {
    const report = reportAllPages(base, 10_000, SETTING, keep);
    assert.equal(report.message, 'Complete: 3 pages, 150 items in 1.2 s');
    assert.deepEqual(report.record, {
      outcome: 'ok',
      status: 200,
      durationMs: 1200,
      errorCount: 0,
      errors: [],
      message: undefined,
      allPages: { pages: 3, items: 150, end: 'complete' },
    });
    assert.deepEqual(report.notice, { level: 'information', exports: ['csv', 'json', 'ndjson'] });
  });

  it('capped and cancelled runs got what they asked for: ok, with the reason kept and a warning', () => {
    for (const end of ['capped', 'cancelled'] as const) {
      const report = reportAllPages({ ...base, end }, 150, SETTING, keep);
      assert.equal(report.record.outcome, 'ok');
      assert.equal(report.record.errorCount, 0);
      assert.equal(report.record.message, report.message);
      assert.equal(report.notice.level, 'warning');
    }
  });

  it('a failed page: the outcome says how it failed, and the error counts once, redacted', () => {
    const failure = { page: 4, message: 'Token tok-SECRET was refused' };
    const redact = (text: string) => text.replace('tok-SECRET', '«redacted»');
    const graphqlErrors = reportAllPages({ ...base, end: 'failed', failure }, 10_000, SETTING, redact);
    assert.equal(graphqlErrors.record.outcome, 'graphql_errors');
    assert.equal(graphqlErrors.record.errorCount, 1);
    assert.deepEqual(graphqlErrors.record.errors, [{ message: 'Page 4: Token «redacted» was refused' }]);
    assert.doesNotMatch(graphqlErrors.message, /tok-SECRET/);
    assert.equal(reportAllPages({ ...base, end: 'failed', failure, lastStatus: 502 }, 10_000, SETTING, keep).record.outcome, 'http_error');
    assert.equal(reportAllPages({ ...base, end: 'failed', failure, lastStatus: undefined }, 10_000, SETTING, keep).record.outcome, 'failed');
  });

  it('with no item there is nothing to export', () => {
    assert.deepEqual(reportAllPages({ ...base, pages: 1, items: 0 }, 10_000, SETTING, keep).notice.exports, []);
  });
});
