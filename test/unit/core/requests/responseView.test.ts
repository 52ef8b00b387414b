import assert from 'node:assert/strict';
import { layoutJson } from '../../../../src/core/requests/jsonLayout';
import { RESPONSE_VIEW_LIMITS, responseDocumentContent } from '../../../../src/core/requests/responseDocument';
import { formatBytes } from '../../../../src/core/http/byteSize';
import { isCleanResponse, summariseResponse } from '../../../../src/core/requests/responseSummary';

describe('the response view', () => {
  it('summarises status, time, size and each GraphQL error with its code and correlation id', () => {
    const summary = summariseResponse({
      status: 200,
      durationMs: 123,
      sizeBytes: 2048,
      errors: [
        { message: 'Pipe not found', code: 'RESOURCE_NOT_FOUND', correlationId: 'c-1' },
        { message: 'Other', code: undefined, correlationId: undefined },
      ],
    });
    assert.equal(summary, '200 OK · 123 ms · 2 KB · 2 GraphQL errors: Pipe not found (RESOURCE_NOT_FOUND, correlation_id c-1); Other');
    assert.equal(summariseResponse({ status: 200, durationMs: 5, sizeBytes: 90, errors: [] }), '200 OK · 5 ms · 90 B');
  });

  it('adds what is wrong with an unusable answer', () => {
    const problem = { code: 'rate_limited' as const, message: 'The API rate limit was hit (429).', hint: 'Wait.' };
    const facts = { status: 429, durationMs: 1, sizeBytes: 10, errors: [], problem };
    assert.equal(summariseResponse(facts), '429 Too Many Requests · 1 ms · 10 B · The API rate limit was hit (429). Wait.');
    assert.equal(isCleanResponse(facts), false);
    assert.equal(isCleanResponse({ status: 200, durationMs: 1, sizeBytes: 1, errors: [] }), true);
  });

  it('formats sizes the way the editor does', () => {
    assert.deepEqual([0, 1023, 1024, 1536, 20 * 1024, 10 * 1024 * 1024 + 1].map(formatBytes), ['0 B', '1023 B', '1 KB', '1.5 KB', '20 KB', '10 MB']);
  });

  it('lays JSON out for folding, keeping small objects on one line and numbers exactly as sent', () => {
    const raw = '{"data":{"cards":[{"id":"1","n":12345678901234567890},{"id":"2","n":1.50}],"empty":{},"none":[]},"s":"a\\"b\\\\"}';
    assert.equal(
      layoutJson(raw, { width: 90 }),
      `{
  "data": {
    "cards": [{ "id": "1", "n": 12345678901234567890 }, { "id": "2", "n": 1.50 }],
    "empty": {},
    "none": []
  },
  "s": "a\\"b\\\\"
}
`,
    );
    assert.deepEqual(JSON.parse(layoutJson(raw) ?? ''), JSON.parse(raw));
  });

  it('with no room on a line, lays JSON out one entry per line exactly as JSON.stringify would', () => {
    const value = { a: [1, { b: [], c: {}, d: [[2, 3], { e: 'x' }] }], f: { g: { h: { i: [true, null, 'y'] } } }, j: 'k' };
    for (const indent of [2, 4]) {
      assert.equal(layoutJson(JSON.stringify(value), { width: 0, indent }), `${JSON.stringify(value, null, indent)}\n`);
    }
  });

  it('lays out 300 levels of nesting and long values wholly, numbers as sent', () => {
    let nested: unknown = { id: '1', n: 1234567890 };
    for (let depth = 0; depth < 300; depth++) nested = depth % 2 ? { [`level${depth}`]: nested, long: 'z'.repeat(200) } : [nested, depth];
    const raw = JSON.stringify({ nested, top: { id: '2', n: 1234567890 } }).replaceAll('1234567890', '12345678901234567890');
    const text = layoutJson(raw) ?? '';
    assert.ok(text.includes('\n  "top": { "id": "2", "n": 12345678901234567890 }\n}'), 'a small object after 300 levels: one line, its number as sent');
    assert.ok(text.includes('"n": 12345678901234567890\n'), 'the innermost object, too deep for one line, its number as sent');
    assert.deepEqual(JSON.parse(text), JSON.parse(raw));
    assert.equal(text.replace(/\s+/g, ''), raw.replace(/\s+/g, ''));
  });

  it('keeps every character as sent, accented, wide or astral', () => {
    assert.equal(layoutJson('{"a":"Café","b":["☕ 東京 😀","\\u00e9"]}'), '{ "a": "Café", "b": ["☕ 東京 😀", "\\u00e9"] }\n');
    assert.equal(layoutJson('["Café"]', { width: 0 }), '[\n  "Café"\n]\n');
  });

  it('shows a JSON body as JSON and anything else as text', () => {
    assert.deepEqual(responseDocumentContent('{"a":1}', true), { text: '{ "a": 1 }\n', language: 'json' });
    assert.deepEqual(responseDocumentContent('<html>oops</html>', false), { text: '<html>oops</html>', language: 'plaintext' });
  });

  it('says so when a body is larger than the view shows: cut at a line end within the size limit', () => {
    const body = JSON.stringify({ data: Array.from({ length: 100 }, (_, i) => `item ${i} ${'x'.repeat(20)}`) });
    const content = responseDocumentContent(body, true, { chars: 1024, lines: 1000 });
    assert.equal(content.language, 'plaintext');
    assert.ok(content.text.length <= 1024 && content.text.length > 900, `${content.text.length} characters shown`);
    assert.ok(content.text.endsWith(',\n'), 'cut at a line end');
    assert.equal(content.truncation?.shownChars, content.text.length);
    assert.match(content.truncation?.message ?? '', /^The response body is 3(\.\d)? KB, too long to show whole; the view shows its first \d+ B \(\d+ lines\), as text\. Ask for fewer items per page/);
  });

  it('cuts by lines too: the editor drops CodeLenses (the status, the errors, this notice) on a model of 300,000 lines', () => {
    const body = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: i, payload: 'y'.repeat(200) })));
    const content = responseDocumentContent(body, true, { chars: 1024 * 1024, lines: 100 });
    assert.equal(content.text.split('\n').length, 101, 'the first 100 lines, each with its line end');
    assert.match(content.truncation?.message ?? '', /\(101 lines\)/);
  });

  it('cuts one long line of text at the size limit', () => {
    const content = responseDocumentContent('z'.repeat(5000), false, { chars: 1024, lines: 1000 });
    assert.equal(content.text.length, 1024);
    assert.equal(content.truncation?.totalChars, 5000);
  });

  it('keeps the default limits under the editor\'s own (20 MiB, 300,000 lines)', () => {
    assert.ok(RESPONSE_VIEW_LIMITS.chars < 20 * 1024 * 1024 && RESPONSE_VIEW_LIMITS.lines < 300_000);
  });

  it("lays out a 10 MB list of cards in about one line per card, below the editor's large-file line count", () => {
    const cards = Array.from({ length: 100_000 }, (_, i) => ({ id: String(5_000_000 + i), title: `Large card ${i + 1} of 100000, generated by the sandbox for big responses` }));
    const raw = JSON.stringify({ data: { largeCards: cards } });
    const text = layoutJson(raw) ?? '';
    assert.ok(text.split('\n').length < 100_100);
    assert.equal(responseDocumentContent(raw, true).truncation, undefined, 'the view shows it whole');
  });
});
