import assert from 'node:assert/strict';
import { describeProblem } from '../../../../src/core/requests/requestDocument';
import { readRequest } from './readRequest';

describe('reading a malformed request file', () => {
  it('reports a syntax error with its line and column instead of throwing', () => {
    const document = readRequest('query Me {\n  me {\n    id\n  }\n');
    assert.equal(document.operations.length, 0);
    assert.equal(document.problems.length, 1);
    const [problem] = document.problems;
    assert.equal(problem.line, 5);
    assert.equal(problem.column, 1);
    assert.equal(describeProblem(problem), 'Syntax Error: Expected Name, found <EOF> (line 5, column 1).');
  });

  it('points at the offending token in the middle of a line', () => {
    const [problem] = readRequest('query Me {\n  me { id, name: }\n}\n').problems;
    assert.deepEqual({ line: problem.line, column: problem.column }, { line: 2, column: 18 });
    assert.match(problem.message, /^Syntax Error: Expected Name, found "}"/);
  });

  it('reports an unterminated string and a stray character', () => {
    assert.match(readRequest('query { pipe(id: "12) { id } }').problems[0].message, /Unterminated string/);
    assert.match(readRequest('query { me { id } } %').problems[0].message, /Unexpected character: "%"/);
  });

  it('treats an empty file, or one with only comments, as having nothing to run and nothing wrong', () => {
    for (const text of ['', '\n\n', '# just a note\n# another\n', '\uFEFF  ,']) {
      const document = readRequest(text);
      assert.deepEqual([document.operations.length, document.problems.length], [0, 0], JSON.stringify(text));
    }
  });

  it('ignores schema definitions, which are not requests', () => {
    const document = readRequest('type Extra { id: ID }\nquery Me { me { id } }\n');
    assert.deepEqual(document.operations.map((o) => o.name), ['Me']);
    assert.deepEqual(document.problems, []);
  });
});
