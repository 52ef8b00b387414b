import assert from 'node:assert/strict';
import {
  CommandArgsError,
  argsObject,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
} from '../../../../src/core/commands/commandArgs';

describe('command arguments', () => {
  it('takes only a plain object as arguments: a Uri, a tree item or an array from a menu means none', () => {
    assert.deepEqual(argsObject({ label: 'prod' }), { label: 'prod' });
    assert.ok(argsObject(Object.create(null)));
    for (const value of [undefined, null, 'prod', 3, [{ label: 'prod' }], new URL('file:///x'), new (class TreeItem {})()]) {
      assert.equal(argsObject(value), undefined, String(value));
    }
  });

  it('reads each field with its type, an absent or null one as not given', () => {
    const args = { label: 'prod', count: 3, force: false, nested: { a: 1 }, nothing: null };
    assert.equal(optionalString(args, 'label'), 'prod');
    assert.equal(optionalNumber(args, 'count'), 3);
    assert.equal(optionalBoolean(args, 'force'), false);
    assert.deepEqual(optionalObject(args, 'nested'), { a: 1 });
    for (const read of [optionalString, optionalNumber, optionalBoolean, optionalObject]) {
      assert.equal(read(args, 'missing'), undefined);
      assert.equal(read(args, 'nothing'), undefined);
    }
  });

  it('says which field is wrong, what it must be and what kind of value came, never the value', () => {
    const args = { label: 7, count: '3', infinite: Infinity, force: 'yes', nested: ['a'], secret: 'sekret' };
    const cases: Array<[() => unknown, string]> = [
      [() => optionalString(args, 'label'), 'The argument "label" must be a string, not a number.'],
      [() => optionalNumber(args, 'count'), 'The argument "count" must be a number, not a string.'],
      [() => optionalNumber(args, 'infinite'), 'The argument "infinite" must be a number, not a number.'],
      [() => optionalBoolean(args, 'force'), 'The argument "force" must be true or false, not a string.'],
      [() => optionalObject(args, 'nested'), 'The argument "nested" must be an object, not an array.'],
      [() => optionalNumber(args, 'secret'), 'The argument "secret" must be a number, not a string.'],
      [() => optionalString({ label: { a: 1 } }, 'label'), 'The argument "label" must be a string, not an object.'],
      [() => optionalString({ label: ['prod'] }, 'label'), 'The argument "label" must be a string, not an array.'],
    ];
    for (const [read, message] of cases) {
      assert.throws(read, (error: unknown) => error instanceof CommandArgsError && error.message === message, message);
    }
  });

  it('names the arguments a command does not know', () => {
    assert.doesNotThrow(() => rejectUnknownKeys({ label: 'a' }, ['label', 'id']));
    assert.throws(() => rejectUnknownKeys({ label: 'a', clientSecrt: 'x', extra: 1 }, ['label', 'clientSecret']), {
      name: 'CommandArgsError',
      message: 'Unknown arguments: "clientSecrt", "extra". Expected: label, clientSecret.',
    });
  });
});
