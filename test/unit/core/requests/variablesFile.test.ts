import assert from 'node:assert/strict';
import { locateJsonError } from '../../../../src/core/requests/jsonErrorLocation';
import { fileNameOf, isRequestFilePath, parseVariablesText, variablesPathFor } from '../../../../src/core/requests/variablesFile';

function failureOf(text: string) {
  const result = parseVariablesText(text, 'pipe.variables.json');
  assert.equal(result.ok, false, `expected ${JSON.stringify(text)} to be refused`);
  return result.ok ? assert.fail() : result;
}

describe('variables files', () => {
  it('sits beside the request file with the same base name', () => {
    assert.equal(variablesPathFor('/w/requests/pipe.graphql'), '/w/requests/pipe.variables.json');
    assert.equal(variablesPathFor('/w/cards.GQL'), '/w/cards.variables.json');
    assert.equal(variablesPathFor('/w/my.query.graphql'), '/w/my.query.variables.json');
    assert.equal(variablesPathFor('/w/notes.txt'), undefined);
    assert.equal(isRequestFilePath('a/b.gql'), true);
  });

  it('is named in messages by its file name alone', () => {
    assert.equal(fileNameOf('/w/requests/pipe-2.variables.json'), 'pipe-2.variables.json');
    assert.equal(fileNameOf('pipe.variables.json'), 'pipe.variables.json');
  });

  it('reads one JSON object; an empty file means no variables', () => {
    assert.deepEqual(parseVariablesText('{ "id": "301", "n": 12 }', 'x'), { ok: true, variables: { id: '301', n: 12 } });
    assert.deepEqual(parseVariablesText('\uFEFF{"a":null}\n', 'x'), { ok: true, variables: { a: null } });
    assert.deepEqual(parseVariablesText('  \n', 'x'), { ok: true, variables: {} });
  });

  it('names the file, the line and the column of a syntax error', () => {
    assert.equal(
      failureOf('{\n  "id": "301",\n}\n').message,
      'pipe.variables.json is not valid JSON: a comma is not allowed before "}" (line 2, column 14).',
    );
    assert.equal(failureOf('{\n  "id": 301\n  "x": 1\n}').message, 'pipe.variables.json is not valid JSON: a "," or "}" was expected after the property value, found """ (line 3, column 3).');
    assert.equal(failureOf('{ id: 1 }').problem.column, 3);
    assert.match(failureOf("{ 'id': 1 }").message, /property name in double quotes/);
    assert.match(failureOf('{ "id": ').message, /file ends here \(line 1, column 9\)/);
  });

  it('refuses JSON that is not an object', () => {
    assert.match(failureOf('[1, 2]').message, /must hold one JSON object of variables, such as \{"id": "123"\}; it holds an array \(line 1, column 1\)/);
    assert.match(failureOf('null').message, /it holds null/);
    assert.match(failureOf('\n  "301"').message, /it holds a string \(line 2, column 3\)/);
  });

  it('never quotes the file back in the message (it may be large or hold private values)', () => {
    const message = failureOf(`{"note": "${'x'.repeat(5000)}" oops}`).message;
    assert.ok(message.length < 200, message);
  });

  it('locates errors JSON.parse gives no position for', () => {
    for (const [text, offset] of [['{"a": tru}', 6], ['{"a": "b\nc"}', 8], ['{"a": 1} x', 9], ['{"a": "\\q"}', 7], ['[1,]', 2], ['-', 0]] as const) {
      assert.throws(() => JSON.parse(text));
      assert.equal(locateJsonError(text).offset, offset, text);
    }
  });
});
