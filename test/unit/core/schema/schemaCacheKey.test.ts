import assert from 'node:assert/strict';
import { normaliseGraphQLEndpoint, schemaCacheKey } from '../../../../src/core/schema/schemaCacheKey';

describe('Schema cache key', () => {
  it('is a safe, fixed-length file name', () => {
    assert.match(schemaCacheKey('https://api.pipefy.com/graphql'), /^[0-9a-f]{64}$/);
    assert.match(schemaCacheKey('http://127.0.0.1:8080/graph ql?x=../../etc'), /^[0-9a-f]{64}$/);
  });

  it('is the same for spellings of the same endpoint', () => {
    const key = schemaCacheKey('https://api.pipefy.com/graphql');
    for (const spelling of ['HTTPS://API.Pipefy.com/graphql', 'https://api.pipefy.com:443/graphql', 'https://api.pipefy.com/graphql/', ' https://api.pipefy.com/graphql#x ']) {
      assert.equal(schemaCacheKey(spelling), key, spelling);
    }
  });

  it('differs for different endpoints: host, port, path, query', () => {
    const keys = new Set(
      ['https://api.pipefy.com/graphql', 'https://tenant.pipefy.com/graphql', 'http://127.0.0.1:1/graphql', 'http://127.0.0.1:2/graphql', 'https://api.pipefy.com/other', 'https://api.pipefy.com/graphql?v=2'].map(schemaCacheKey),
    );
    assert.equal(keys.size, 6);
  });

  it('normalises without losing what reaches the server', () => {
    assert.equal(normaliseGraphQLEndpoint('HTTPS://API.pipefy.com:443/graphql/?a=1#frag'), 'https://api.pipefy.com/graphql?a=1');
    assert.equal(normaliseGraphQLEndpoint('http://localhost:4000/'), 'http://localhost:4000/');
  });

  it('throws on something that is not a URL', () => {
    assert.throws(() => schemaCacheKey('not a url'));
  });
});
