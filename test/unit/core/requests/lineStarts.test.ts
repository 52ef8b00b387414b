import assert from 'node:assert/strict';
import { lineStartOffsets, positionAt } from '../../../../src/core/requests/lineStarts';

describe('lines of a request file', () => {
  it('counts lines across \\r\\n, \\n and \\r', () => {
    assert.deepEqual(lineStartOffsets('a\r\nb\nc\rd'), [0, 3, 5, 7]);
    assert.deepEqual(positionAt('a\r\nb\nc\rd', 7), { line: 4, column: 1 });
    assert.deepEqual(positionAt('abc', 99), { line: 1, column: 4 });
  });

  it('places an offset between \\r and \\n at the end of its line, and a negative one at the start', () => {
    assert.deepEqual(positionAt('a\r\nb', 2), { line: 1, column: 3 });
    assert.deepEqual(positionAt('a\r\nb', 3), { line: 2, column: 1 });
    assert.deepEqual(positionAt('a\nb', -5), { line: 1, column: 1 });
  });

  it('gives only the lines that start by `end` when asked', () => {
    assert.deepEqual(lineStartOffsets('a\nb\nc', 2), [0, 2]);
    assert.deepEqual(lineStartOffsets('a\nb\nc', 1), [0]);
  });
});
