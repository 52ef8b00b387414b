import { strict as assert } from 'node:assert';
import { isJsonObject } from '../../../../src/core/json/jsonObject';

describe('isJsonObject', () => {
  it('takes what `{…}` parses to, with or without fields', () => {
    assert.equal(isJsonObject(JSON.parse('{}')), true);
    assert.equal(isJsonObject(JSON.parse('{"a":[1]}')), true);
    assert.equal(isJsonObject(Object.create(null)), true);
  });

  it('refuses arrays, null and primitives, so no field is read from them', () => {
    for (const value of [[], [{ a: 1 }], null, undefined, 'text', 1, true]) assert.equal(isJsonObject(value), false, JSON.stringify(value));
  });
});
