import * as assert from 'node:assert/strict';
import { historyClick, historyRow } from '../../../../src/core/requests/historyRow';
import type { HistoryEntry } from '../../../../src/core/requests/requestHistory';

const AT = new Date(2025, 2, 1, 14, 3, 22).getTime();
const RESPONSE = 'pipefy-response:/Response%20%C2%B7%20Me.json?run%3D3';

function entry(fields: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at: AT,
    accountLabel: 'a-rather-long-account',
    endpoint: 'https://api.pipefy.com/graphql',
    operationName: 'Me',
    requestUri: 'file:///work/me.graphql',
    responseUri: RESPONSE,
    outcome: 'ok',
    status: 200,
    durationMs: 123,
    sizeBytes: 456,
    errorCount: 0,
    errors: [],
    ...fields,
  };
}

describe('historyRow', () => {
  it('the operation, then the status and the time, short: the account and duration live in the tooltip', () => {
    const row = historyRow(entry(), AT + 1000);
    assert.equal(row.label, 'Me');
    assert.match(row.description, /^200 · \d\d?:03( [AP]M)?$/);
    assert.doesNotMatch(row.description, /a-rather-long-account|123 ms|:22/);
  });

  it('says how many GraphQL errors, that nothing was sent, or that the run failed', () => {
    assert.match(historyRow(entry({ outcome: 'graphql_errors', errorCount: 2 }), AT).description, /^200 · 2 errors · /);
    assert.match(historyRow(entry({ outcome: 'refused', status: undefined }), AT).description, /^not sent · /);
    assert.match(historyRow(entry({ outcome: 'failed', status: undefined }), AT).description, /^failed · /);
  });

  it('says how many items and pages a Run All Pages run took, and how it ended unless complete', () => {
    assert.match(historyRow(entry({ allPages: { pages: 200, items: 10_000, end: 'complete' } }), AT + 1000).description, /^10,000 items, 200 pages · \d/);
    assert.match(historyRow(entry({ allPages: { pages: 6, items: 300, end: 'failed' } }), AT + 1000).description, /^failed · 300 items, 6 pages · \d/);
  });

  it('adds the date for a run on another day', () => {
    assert.match(historyRow(entry(), AT + 2 * 86_400_000).description, /^200 · \S+ 1 |^200 · 1 \S+ /);
  });
});

describe('historyClick', () => {
  it('reopens the response while its document is open in this window', () => {
    assert.deepEqual(historyClick(entry(), new Set([RESPONSE])), { kind: 'reopen', responseUri: RESPONSE });
  });

  it('runs nothing for a response that is gone: says so, and offers the request file', () => {
    const click = historyClick(entry(), new Set(['file:///work/me.graphql']));
    assert.equal(click.kind, 'gone');
    assert.match(click.kind === 'gone' ? click.message : '', /^The Me run has a response that is gone: .* Nothing was run again\.$/);
    assert.equal(click.kind === 'gone' ? click.requestUri : undefined, 'file:///work/me.graphql');
  });

  it('shows the kept copy once its tab is closed, while the copy is still kept', () => {
    const kept = entry({ keptResponse: { id: '6f1c2d9e-4b1a-4c3e-9f2a-1b2c3d4e5f60', bytes: 120 } });
    assert.deepEqual(historyClick(kept, new Set(), new Set(['6f1c2d9e-4b1a-4c3e-9f2a-1b2c3d4e5f60'])), { kind: 'restore', responseId: '6f1c2d9e-4b1a-4c3e-9f2a-1b2c3d4e5f60' });
    assert.deepEqual(historyClick(kept, new Set([RESPONSE]), new Set(['6f1c2d9e-4b1a-4c3e-9f2a-1b2c3d4e5f60'])).kind, 'reopen', 'the open tab first');
    assert.equal(historyClick(kept, new Set(), new Set()).kind, 'gone', 'a copy dropped by the limits is gone');
  });

  it('a run from before responses were recorded, or one that got none, is gone too', () => {
    assert.equal(historyClick(entry({ responseUri: undefined }), new Set([RESPONSE])).kind, 'gone');
    const refused = historyClick(entry({ outcome: 'refused', status: undefined, responseUri: undefined, message: 'not an allowed origin' }), new Set());
    assert.match(refused.kind === 'gone' ? refused.message : '', /^The Me run got no response \(not an allowed origin\)\. Nothing was run again\.$/);
  });
});
