import assert from 'node:assert/strict';
import { Redactor } from '../../../../src/core/log/redact';
import { HISTORY_LIMIT, type HistoryEntry, addHistoryEntry, historyEntry, parseHistory } from '../../../../src/core/requests/requestHistory';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const SECRET = 'client-secret-value-123';

function entry(at: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at,
    accountLabel: 'prod',
    endpoint: 'https://api.pipefy.com/graphql',
    operationName: 'Me',
    outcome: 'ok',
    status: 200,
    durationMs: 120,
    sizeBytes: 512,
    errorCount: 0,
    errors: [],
    ...extra,
  };
}

describe('request history', () => {
  it('keeps the newest 50 runs, newest first', () => {
    let history: HistoryEntry[] = [];
    for (let at = 1; at <= 60; at++) history = addHistoryEntry(history, entry(at));
    assert.equal(HISTORY_LIMIT, 50);
    assert.equal(history.length, 50);
    assert.equal(history[0].at, 60);
    assert.equal(history[49].at, 11);
  });

  it('stores only the named fields: no token, header, body or secret, even when handed one', () => {
    const redactor = new Redactor();
    redactor.remember(SECRET, TOKEN);
    const handed = {
      ...entry(1, { outcome: 'graphql_errors', errorCount: 1, errors: [{ message: `bad token ${TOKEN}`, code: 'X', correlationId: 'c-1' }] }),
      endpoint: 'https://api.pipefy.com/graphql?access_token=abc#frag',
      message: `secret was ${SECRET}`,
      accessToken: TOKEN,
      headers: { Authorization: `Bearer ${TOKEN}` },
      bodyText: '{"data":{}}',
    } as HistoryEntry;
    const stored = historyEntry(handed, (text) => redactor.redact(text));
    assert.deepEqual(Object.keys(stored).sort(), [
      'accountLabel', 'at', 'durationMs', 'endpoint', 'errorCount', 'errors', 'message', 'operationName', 'outcome', 'requestUri', 'responseUri', 'sizeBytes', 'status',
    ]);
    const json = JSON.stringify(stored);
    assert.ok(!json.includes(TOKEN) && !json.includes(SECRET) && !json.includes('abc'), json);
    assert.equal(stored.endpoint, 'https://api.pipefy.com/graphql');
    assert.deepEqual(stored.errors, [{ message: 'bad token «redacted»', code: 'X', correlationId: 'c-1' }]);
  });

  it('keeps the first five errors and trims long texts', () => {
    const errors = Array.from({ length: 9 }, (_, i) => ({ message: `error ${i} ${'x'.repeat(1000)}` }));
    const stored = historyEntry(entry(1, { errorCount: 9, errors }), (t) => t);
    assert.equal(stored.errors.length, 5);
    assert.equal(stored.errorCount, 9);
    assert.ok(stored.errors[0].message.length <= 500);
  });

  it('reads back what global state holds, dropping malformed entries and capping at 50', () => {
    assert.deepEqual(parseHistory(undefined), []);
    assert.deepEqual(parseHistory({}), []);
    const stored = [entry(3), { at: 'x' }, null, { ...entry(2), outcome: 'weird' }, { ...entry(1), errors: [{ message: 'm' }, 42], token: TOKEN }];
    const parsed = parseHistory(stored);
    assert.deepEqual(parsed.map((e) => e.at), [3, 1]);
    assert.deepEqual(parsed[1].errors, [{ message: 'm', code: undefined, correlationId: undefined }]);
    assert.ok(!JSON.stringify(parsed).includes(TOKEN));
    assert.equal(parseHistory(Array.from({ length: 70 }, (_, i) => entry(i))).length, 50);
  });

  it('keeps the pages, items and end of a Run All Pages run, and drops a malformed record of them', () => {
    const redact = (text: string) => text;
    const stored = historyEntry(entry(5, { allPages: { pages: 200, items: 10_000, end: 'complete' } }), redact);
    assert.deepEqual(parseHistory([stored])[0].allPages, { pages: 200, items: 10_000, end: 'complete' });
    assert.equal(parseHistory([{ ...stored, allPages: { pages: 'x', items: 1, end: 'complete' } }])[0].allPages, undefined);
  });
});
