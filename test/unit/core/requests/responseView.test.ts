import assert from 'node:assert/strict';
import { COMPACT_WIDTH, FORMATTED_MAX_LINES, layoutJson, layoutResponseJson } from '../../../../src/core/requests/jsonLayout';
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

  it('lays a small response out as a JSON formatter does: one property per line, indented', () => {
    const raw = '{"data":{"me":{"id":"301","name":"Ada","tags":["a","b"],"empty":{},"none":[]}}}';
    const content = responseDocumentContent(raw, true);
    assert.equal(content.language, 'json');
    assert.equal(content.text, `${JSON.stringify(JSON.parse(raw), null, 2)}\n`);
    assert.equal(
      content.text,
      `{
  "data": {
    "me": {
      "id": "301",
      "name": "Ada",
      "tags": [
        "a",
        "b"
      ],
      "empty": {},
      "none": []
    }
  }
}
`,
    );
  });

  it('keeps every number exactly as the server sent it, in either layout', () => {
    const raw = '{"data":{"card":{"id":12345678901234567890,"ratio":1.50,"tiny":1e-400,"neg":-0}}}';
    const formatted = layoutResponseJson(raw) ?? '';
    assert.match(formatted, /\n {6}"id": 12345678901234567890,\n/);
    assert.match(formatted, /"ratio": 1\.50,\n {6}"tiny": 1e-400,\n {6}"neg": -0\n/);
    const compact = layoutJson(raw, { width: COMPACT_WIDTH }) ?? '';
    assert.match(compact, /\{ "id": 12345678901234567890, "ratio": 1\.50, "tiny": 1e-400, "neg": -0 \}/);
  });

  it('lays a long response out compactly: a card per line, within the width', () => {
    const cards = Array.from({ length: FORMATTED_MAX_LINES / 2 }, (_, i) => ({ id: String(5_000_000 + i), n: 1 }));
    const raw = JSON.stringify({ data: { cards } }).replaceAll('"n":1}', '"n":12345678901234567890}');
    const text = layoutResponseJson(raw) ?? '';
    const lines = text.split('\n');
    assert.equal(lines[3], '      { "id": "5000000", "n": 12345678901234567890 },', 'a card on one line, its number as sent');
    assert.ok(lines.length < cards.length + 10, `${lines.length} lines for ${cards.length} cards`);
    assert.ok(lines.every((line) => line.length <= COMPACT_WIDTH), 'no line wider than the compact width');
    assert.equal(text.replace(/\s+/g, ''), raw);
  });

  it('lays JSON out compactly, keeping what fits on one line and numbers exactly as sent', () => {
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

  it('formatted, lays JSON out exactly as JSON.stringify would', () => {
    const value = { a: [1, { b: [], c: {}, d: [[2, 3], { e: 'x' }] }], f: { g: { h: { i: [true, null, 'y'] } } }, j: 'k' };
    for (const indent of [2, 4]) {
      assert.equal(layoutJson(JSON.stringify(value), { indent }), `${JSON.stringify(value, null, indent)}\n`);
    }
  });

  it('shows invalid JSON as the text that came, never half laid out', () => {
    for (const raw of ['{"a": 1,}', '{"a": 1} x', "{'a': 1}", '{"a": 1 // note\n}', '[1, 2', '{"a": "b\nc"}', 'NaN', '']) {
      assert.equal(layoutJson(raw), undefined, raw);
    }
    assert.deepEqual(responseDocumentContent('{"a": 1,', false), { text: '{"a": 1,', language: 'plaintext' });
    // Handed a text JSON.parse did not take after all, the response layout still leaves it whole.
    for (const raw of ['[1, 2', '{"a": "b', ']', '{"a": 1}}']) assert.equal(layoutResponseJson(raw), undefined, raw);
  });

  it('tells strings from structure however their quotes and backslashes fall', () => {
    const value = {
      'a"b': ['\\', '\\"', '"', '\\\\', '{[,:]}', ' \t\n\r ', '\u0000\u001f', 'é ☕ 😀'],
      '': { '\\': { '"': [] } },
      n: [-0.5e+3, 1e-7, 0, true, false, null],
    };
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, '\t'), JSON.stringify(value, null, 1).replaceAll('\n', '\r\n')]) {
      assert.equal(layoutResponseJson(text), `${JSON.stringify(value, null, 2)}\n`, text);
      assert.equal(layoutJson(text, { indent: 4 }), `${JSON.stringify(value, null, 4)}\n`, text);
    }
  });

  it('takes as JSON exactly what JSON.parse takes', () => {
    const texts = [
      '{"a" 1}', '[1 2]', '{"a": 1}}', ']', '{"a": }', '[,1]', '{,}', '{1: 2}', '"a" "b"', '[1,]', '{"a": 1, "b"}', '{"a"}', ':',
      '01', '-', '1.', '"\\x"', '"\u0001"', '[true false]', '{"a": [}]', '[1]]', '{"a": 1 "b": 2}', '"a\u0001b"', '"a\tb"', '/* c */ 1', 'tru',
      '1', '-0.5e+3', '"s"', 'null', '[]', '{}', '[[]]', ' {"a" : [1, {"b": null}], "c": "\\u00e9\\n"} ', '\n[\r\n1\t]\n',
    ];
    for (const raw of texts) {
      let parses = true;
      try {
        JSON.parse(raw);
      } catch {
        parses = false;
      }
      assert.equal(layoutJson(raw) !== undefined, parses, raw);
    }
  });

  it('lays out 300 levels of nesting and long values wholly, numbers as sent', () => {
    let nested: unknown = { id: '1', n: 1234567890 };
    for (let depth = 0; depth < 300; depth++) nested = depth % 2 ? { [`level${depth}`]: nested, long: 'z'.repeat(200) } : [nested, depth];
    const raw = JSON.stringify({ nested, top: { id: '2', n: 1234567890 } }).replaceAll('1234567890', '12345678901234567890');
    for (const width of [0, COMPACT_WIDTH]) {
      const text = layoutJson(raw, { width }) ?? '';
      assert.ok(text.includes('"n": 12345678901234567890\n'), 'the innermost object, too deep for one line, its number as sent');
      assert.deepEqual(JSON.parse(text), JSON.parse(raw));
      assert.equal(text.replace(/\s+/g, ''), raw.replace(/\s+/g, ''));
    }
    assert.ok((layoutJson(raw, { width: COMPACT_WIDTH }) ?? '').includes('\n  "top": { "id": "2", "n": 12345678901234567890 }\n}'), 'compact: a small object after 300 levels on one line');
  });

  it('keeps every character as sent, accented, wide or astral', () => {
    assert.equal(layoutJson('{"a":"Café","b":["☕ 東京 😀","\\u00e9"]}', { width: COMPACT_WIDTH }), '{ "a": "Café", "b": ["☕ 東京 😀", "\\u00e9"] }\n');
    assert.equal(layoutJson('["Café"]'), '[\n  "Café"\n]\n');
  });

  it('shows a JSON body as JSON and anything else as text', () => {
    assert.deepEqual(responseDocumentContent('{"a":1}', true), { text: '{\n  "a": 1\n}\n', language: 'json' });
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
    const text = layoutResponseJson(raw) ?? '';
    assert.ok(text.split('\n').length < 100_100);
    assert.equal(responseDocumentContent(raw, true).truncation, undefined, 'the view shows it whole');
  });
});
