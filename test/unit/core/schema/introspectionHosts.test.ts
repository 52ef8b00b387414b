import assert from 'node:assert/strict';
import { GraphQLRequestError, type GraphQLResponse } from '../../../../src/core/graphql/graphqlRunner';
import { OriginHeldError } from '../../../../src/core/graphql/graphqlRunner';
import {
  type IntrospectionAttempt,
  introspectInTurn,
  introspectionEndpoints,
  judgeIntrospection,
  judgeIntrospectionFailure,
} from '../../../../src/core/schema/introspectionHosts';

const response = (fields: Partial<GraphQLResponse>): GraphQLResponse => ({
  status: 200,
  headers: {},
  bodyText: '{}',
  json: {},
  durationMs: 5,
  sizeBytes: 2,
  errors: [],
  retriedAfter401: false,
  pacedMs: 0,
  ...fields,
});
const loadAnything = (body: unknown) => (body && typeof body === 'object' && 'data' in body ? { schema: 'the schema' } : { problem: 'no __schema in the answer' });

describe('Fetch Schema: which hosts to try', () => {
  it('pairs api.pipefy.com and app.pipefy.com by default, keeping the path', () => {
    assert.deepEqual(introspectionEndpoints('https://api.pipefy.com/graphql'), ['https://api.pipefy.com/graphql', 'https://app.pipefy.com/graphql']);
    assert.deepEqual(introspectionEndpoints('https://app.pipefy.com/graphql'), ['https://app.pipefy.com/graphql', 'https://api.pipefy.com/graphql']);
    assert.deepEqual(introspectionEndpoints('https://API.pipefy.com:443/graphql/core'), ['https://API.pipefy.com:443/graphql/core', 'https://app.pipefy.com/graphql/core']);
  });

  it('tries only the account\'s endpoint on any other host, or with a pair configured for it', () => {
    assert.deepEqual(introspectionEndpoints('https://acme.example.com/graphql'), ['https://acme.example.com/graphql']);
    const pairs = [['http://127.0.0.1:4010', 'http://127.0.0.1:4011']] as const;
    assert.deepEqual(introspectionEndpoints('http://127.0.0.1:4011/graphql', pairs), ['http://127.0.0.1:4011/graphql', 'http://127.0.0.1:4010/graphql']);
    assert.deepEqual(introspectionEndpoints('https://api.pipefy.com/graphql', []), ['https://api.pipefy.com/graphql']);
  });
});

describe('Fetch Schema: what each answer means', () => {
  it('a schema; introspection refused (errors on a 200, an HTTP error, not JSON) tries the next host', () => {
    assert.equal(judgeIntrospection(response({ json: { data: {} } }), loadAnything, 0).kind, 'schema');
    assert.deepEqual(judgeIntrospection(response({ json: { errors: [] } }), loadAnything, 0), { kind: 'refused', reason: 'no __schema in the answer' });
    const notFound = response({ status: 404, problem: { code: 'http_error', message: 'The API answered 404.', hint: '' } });
    assert.deepEqual(judgeIntrospection(notFound, loadAnything, 0), { kind: 'refused', reason: 'The API answered 404.' });
  });

  it('a refused token or a rate limit stops: the other host would see the same token and the same caller', () => {
    const limited = response({ status: 429, problem: { code: 'rate_limited', message: 'The API rate limit was hit (429).', hint: 'Wait.' } });
    assert.equal(judgeIntrospection(limited, loadAnything, 0).kind, 'final');
    const refused = response({ status: 401, problem: { code: 'unauthorized', message: 'The API refused the token.', hint: 'Check.' } });
    assert.equal(judgeIntrospection(refused, loadAnything, 0).kind, 'final');
  });

  it('an unreachable host tries the next; a cancellation, a held origin or a refused origin stops', () => {
    assert.equal(judgeIntrospectionFailure(new GraphQLRequestError('connection_refused', 'refused', '')).kind, 'refused');
    assert.equal(judgeIntrospectionFailure(new GraphQLRequestError('timeout', 'slow', '')).kind, 'refused');
    for (const code of ['cancelled', 'origin_not_allowed', 'redirect_cross_origin'] as const) {
      assert.equal(judgeIntrospectionFailure(new GraphQLRequestError(code, code, '')).kind, 'final', code);
    }
    const held = new OriginHeldError({ origin: 'https://api.pipefy.com', since: 0, until: 300_000, source: 'assumed' }, 0);
    assert.equal(judgeIntrospectionFailure(held).kind, 'final');
    assert.throws(() => judgeIntrospectionFailure(new TypeError('a bug')), TypeError);
  });

  it('tries in turn, and says which endpoint served the schema and why the others did not', async () => {
    const answers: Record<string, IntrospectionAttempt<string>> = {
      a: { kind: 'refused', reason: 'introspection disabled' },
      b: { kind: 'schema', schema: 'S', sizeBytes: 1, durationMs: 1 },
    };
    const tried: string[] = [];
    const result = await introspectInTurn(['a', 'b'], async (endpoint) => (tried.push(endpoint), answers[endpoint]));
    assert.deepEqual(result, { kind: 'served', endpoint: 'b', schema: 'S', sizeBytes: 1, durationMs: 1, refusals: [{ endpoint: 'a', reason: 'introspection disabled' }] });
    const stopped = await introspectInTurn(['a', 'b'], async () => ({ kind: 'final', reason: 'held' }));
    assert.deepEqual(stopped, { kind: 'final', endpoint: 'a', reason: 'held', error: undefined, refusals: [] });
    const none = await introspectInTurn(['a'], async () => answers.a);
    assert.deepEqual(none, { kind: 'refused', refusals: [{ endpoint: 'a', reason: 'introspection disabled' }] });
  });
});
