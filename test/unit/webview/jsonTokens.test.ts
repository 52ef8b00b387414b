import assert from 'node:assert/strict';
import { prettyJson, tokenizeJson, type JsonToken } from '../../../webview/tryIt/jsonTokens';

const join = (tokens: JsonToken[]) => tokens.map((t) => t.text).join('');
const kinds = (text: string) => tokenizeJson(text).filter((t) => t.kind !== 'whitespace').map((t) => `${t.kind}:${t.text}`);

describe('JSON highlighter tokens', () => {
  it('classifies keys, strings, numbers, booleans, null and punctuation', () => {
    assert.deepEqual(kinds('{"access_token": "abc", "expires_in": 300, "ok": true, "no": false, "x": null, "n": -1.5e3}'), [
      'punctuation:{',
      'key:"access_token"',
      'punctuation::',
      'string:"abc"',
      'punctuation:,',
      'key:"expires_in"',
      'punctuation::',
      'number:300',
      'punctuation:,',
      'key:"ok"',
      'punctuation::',
      'boolean:true',
      'punctuation:,',
      'key:"no"',
      'punctuation::',
      'boolean:false',
      'punctuation:,',
      'key:"x"',
      'punctuation::',
      'null:null',
      'punctuation:,',
      'key:"n"',
      'punctuation::',
      'number:-1.5e3',
      'punctuation:}',
    ]);
  });

  it('tells a key from a string value across whitespace and inside arrays', () => {
    assert.deepEqual(kinds('{ "a" \n : ["b", "c"] }').filter((k) => !k.startsWith('punctuation')), ['key:"a"', 'string:"b"', 'string:"c"']);
  });

  it('keeps escaped quotes and backslashes inside one string token', () => {
    assert.deepEqual(kinds('["a\\"b\\\\", "\\u00e9"]').filter((k) => k.startsWith('string')), ['string:"a\\"b\\\\"', 'string:"\\u00e9"']);
  });

  it('loses and adds nothing: the tokens join back to the exact input', () => {
    const inputs = [
      '',
      '{}',
      '{"a":1}',
      '<html><script>alert(1)</script></html>',
      '{"x": "<img src=x onerror=alert(1)>", "y": "&amp; &lt;"}',
      '{"unterminated": "abc',
      'not json at all: truez nul 01 -',
      '{"nested":{"a":[1,2,{"b":null}]}}\n',
      '\u2028\u2029 "tab\there" ',
    ];
    for (const input of inputs) assert.equal(join(tokenizeJson(input)), input, JSON.stringify(input));
  });

  it('treats markup in a value as text, in a string token, never as anything to render', () => {
    const tokens = tokenizeJson('{"html": "<b onclick=x>hi</b>"}');
    const value = tokens.find((t) => t.text.includes('<b'));
    assert.equal(value?.kind, 'string');
  });

  it('marks what it does not understand as other, merged into runs', () => {
    const tokens = tokenizeJson('<html>');
    assert.deepEqual(tokens, [{ kind: 'other', text: '<html>' }]);
  });

  it('reads a large document whole, every value in its kind', () => {
    const big = JSON.stringify({ items: Array.from({ length: 5_000 }, (_, i) => ({ id: i, name: `item ${i}`, ok: i % 2 === 0, none: null })) }, null, 2);
    const tokens = tokenizeJson(big);
    assert.equal(join(tokens), big);
    const count = (kind: string) => tokens.filter((t) => t.kind === kind).length;
    assert.deepEqual([count('key'), count('number'), count('string'), count('boolean'), count('null')], [1 + 4 * 5_000, 5_000, 5_000, 5_000, 5_000]);
  });

  it('shows comments and unknown words as plain text', () => {
    assert.deepEqual(kinds('{"a": 1 // note\n, "b": truez}').filter((k) => k.startsWith('other')), ['other:// note', 'other:truez']);
  });
});

describe('prettyJson', () => {
  it('indents JSON by two spaces', () => {
    assert.deepEqual(prettyJson('{"a":[1,2]}'), { text: '{\n  "a": [\n    1,\n    2\n  ]\n}', isJson: true });
  });

  it('keeps every number as sent, a 20-digit id included', () => {
    assert.equal(prettyJson('{"id":12345678901234567890,"r":1.50}').text, '{\n  "id": 12345678901234567890,\n  "r": 1.50\n}');
  });

  it('returns anything else unchanged', () => {
    assert.deepEqual(prettyJson('<html>oops</html>'), { text: '<html>oops</html>', isJson: false });
    assert.deepEqual(prettyJson(''), { text: '', isJson: false });
  });
});
