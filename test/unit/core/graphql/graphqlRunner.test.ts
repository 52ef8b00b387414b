import assert from 'node:assert/strict';
import { GraphQLRequestError, GraphQLRunner, TokenSource } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { requestToken } from '../../../../src/core/oauth/requestToken';
import type { CachedToken } from '../../../../src/core/token/cachedToken';
import { fetchedToken, MemoryTokenStore, TokenCache } from '../../../../src/core/token/tokenCache';
import { tokenFrom } from '../../testSupport/tokenFrom';
import { DEMO_CLIENT, Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { RecordingServer, answerJson, closedLoopbackPort, startRecordingServer } from '../../../fixtures/servers/recordingServer';

const KEY = 'sandbox-account';
const CORRELATION_ID = /^[0-9a-f]{32}$/;
const ME = '{ me { id name email } }';

/** The cache bound to one account, fetching from the sandbox over HTTP: what the host wires up. */
function sandboxTokens(sandbox: Sandbox, cache = new TokenCache(new MemoryTokenStore())): TokenSource & { cache: TokenCache } {
  const fetch = async () => fetchedToken(await requestToken({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' }, axiosPost));
  return {
    cache,
    acquire: (options) => tokenFrom(cache, KEY, fetch, options),
    invalidate: (accessToken) => cache.invalidate(KEY, accessToken),
  };
}

/** A token source that always hands out the same token, for servers that are not the sandbox. */
function fixedTokens(accessToken: string): TokenSource & { invalidated: string[] } {
  const invalidated: string[] = [];
  const token: CachedToken = { accessToken, obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000, refreshAt: Date.now() + 3_540_000 };
  return { invalidated, acquire: async () => token, invalidate: async (t) => void invalidated.push(t) };
}

async function failureOf(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GraphQLRequestError, `a GraphQLRequestError, got ${String(error)}`);
    return error;
  }
  assert.fail('the GraphQL request succeeded');
}

function graphqlRequests(sandbox: Sandbox) {
  return sandbox.requests.filter((r) => r.path === '/graphql');
}

describe('GraphQL runner against the Pipefy sandbox', () => {
  let sandbox: Sandbox;
  let tokens: ReturnType<typeof sandboxTokens>;
  let runner: GraphQLRunner;

  before(async () => {
    sandbox = await startSandbox({ slowMs: 10_000 });
  });
  beforeEach(() => {
    sandbox.reset();
    tokens = sandboxTokens(sandbox);
    runner = new GraphQLRunner({ tokens, http: axiosPost, allowedOrigins: [sandbox.url] });
  });
  after(() => sandbox.close());

  describe('sends the operation as given, with the bearer token', () => {
    it('the server receives exactly {query, variables, operationName} and Authorization: Bearer', async () => {
      const query = 'query Pipe($id: ID!) { pipe(id: $id) { id name phases { id name } } }';
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query, variables: { id: '1' }, operationName: 'Pipe' });
      const [sent] = graphqlRequests(sandbox);
      assert.deepEqual(JSON.parse(sent.body), { query, variables: { id: '1' }, operationName: 'Pipe' });
      assert.equal(sent.authorization, `Bearer ${(await tokens.cache.peek(KEY))?.accessToken}`);
      assert.equal(response.status, 200);
      assert.equal((response.json as { data: { pipe: { id: string } } }).data.pipe.id, '1');
      assert.deepEqual(response.errors, []);
      assert.equal(response.problem, undefined);
      assert.equal(response.retriedAfter401, false);
      assert.equal(response.sizeBytes, Buffer.byteLength(response.bodyText));
    });

    it('an operation without variables sends an empty variables object', async () => {
      await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.deepEqual(JSON.parse(graphqlRequests(sandbox)[0].body), { query: ME, variables: {} });
    });

    it('reuses the cached token for the next request', async () => {
      await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(sandbox.stats.tokenPosts, 1);
      assert.equal(sandbox.stats.graphqlRequests, 2);
    });
  });

  describe('1,000 concurrent runs with a cold cache', () => {
    it('send exactly one token POST', async function () {
      this.timeout(60_000);
      // Token sharing is the subject, and this runner has no pacing: Pipefy's limit would lock it
      // out at the 501st request. Pacing has its own tests below (reset() puts the limit back).
      sandbox.setRateLimit(false);
      const responses = await Promise.all(Array.from({ length: 1000 }, () => runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME })));
      assert.equal(sandbox.stats.tokenPosts, 1);
      assert.equal(sandbox.stats.graphqlRequests, 1000);
      assert.ok(responses.every((r) => r.status === 200 && r.problem === undefined));
    });
  });

  describe('errors[] on a 200 are surfaced with message, code and correlation id', () => {
    it('reads an execution error of the sandbox', async () => {
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: 'query($id: ID!) { pipe(id: $id) { id } }', variables: { id: '404' } });
      assert.equal(response.status, 200);
      assert.equal(response.problem, undefined, 'a 200 with errors is a GraphQL answer, not a transport problem');
      assert.equal(response.errors.length, 1);
      const [error] = response.errors;
      assert.equal(error.message, 'Permission denied');
      assert.equal(error.code, 'PERMISSION_DENIED');
      assert.match(error.correlationId ?? '', CORRELATION_ID);
      assert.deepEqual(error.path, ['pipe']);
    });

    it('reads a validation error', async () => {
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: '{ me { nope } }' });
      assert.match(response.errors[0].message, /nope/);
      assert.equal(response.errors[0].code, 'GRAPHQL_VALIDATION_FAILED');
      assert.match(response.errors[0].correlationId ?? '', CORRELATION_ID);
    });
  });

  describe('a 401 invalidates the token, fetches a new one once and retries once', () => {
    it('401 invalid_token on an expired token: retried with a new token and succeeds', async () => {
      await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      const first = (await tokens.cache.peek(KEY))!.accessToken;
      sandbox.expireTokens();
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.status, 200);
      assert.equal(response.retriedAfter401, true);
      assert.equal(response.problem, undefined);
      const [, refused, retried] = graphqlRequests(sandbox);
      assert.equal(refused.authorization, `Bearer ${first}`);
      assert.notEqual(retried.authorization, `Bearer ${first}`);
      assert.equal(retried.body, refused.body, 'the same request is sent again');
      assert.equal(sandbox.stats.tokenPosts, 2);
      assert.equal((await tokens.cache.peek(KEY))?.accessToken, retried.authorization?.slice('Bearer '.length));
    });

    it('401 {errors:[{title:"Unauthorized"}]} for a token the server forgot: retried and succeeds', async () => {
      await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      sandbox.reset();
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.status, 200);
      assert.equal(response.retriedAfter401, true);
    });

    it('does not retry a second time when the new token also gets a 401', async () => {
      sandbox.failNextGraphQL('unauthorized', 2);
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.status, 401);
      assert.equal(response.retriedAfter401, true);
      assert.equal(response.problem?.code, 'unauthorized');
      assert.match(response.problem?.message ?? '', /refused the token \(401\) even after a new token was fetched/);
      assert.equal(sandbox.stats.graphqlRequests, 2);
      assert.equal(sandbox.stats.tokenPosts, 2);
    });

    it('never sends an expired token, even when the token source hands one out', async () => {
      const expired: CachedToken = { accessToken: 'expired-token', obtainedAt: Date.now() - 600_000, expiresAt: Date.now() - 1 };
      const fresh = sandboxTokens(sandbox);
      const stale: TokenSource = {
        acquire: (options) => (options?.forceRefresh ? fresh.acquire(options) : Promise.resolve(expired)),
        invalidate: (t) => fresh.invalidate(t),
      };
      const response = await new GraphQLRunner({ tokens: stale, http: axiosPost, allowedOrigins: [sandbox.url] }).run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.status, 200);
      assert.ok(graphqlRequests(sandbox).every((r) => r.authorization !== 'Bearer expired-token'));
    });
  });

  describe('other answers that are not a usable GraphQL result', () => {
    it('429: a rate_limited problem with Retry-After', async () => {
      sandbox.failNextGraphQL('rate_limited');
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.status, 429);
      assert.equal(response.problem?.code, 'rate_limited');
      assert.equal(response.problem?.retryAfterSeconds, 30);
      assert.match(response.problem?.message ?? '', /rate limit was hit \(429\); retry after 30 s/);
      assert.equal(response.errors[0].code, 'TOO_MANY_REQUESTS');
      assert.equal(sandbox.stats.graphqlRequests, 1, 'a 429 is not retried');
    });

    it('a body that is not JSON: a not_json problem, with the body kept to show', async () => {
      sandbox.failNextGraphQL('not_json');
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.problem?.code, 'not_json');
      assert.match(response.problem?.message ?? '', /answered 200 with a body that is not JSON/);
      assert.match(response.bodyText, /under maintenance/);
      assert.equal(response.json, undefined);
    });

    it('5xx: an http_error problem, with the errors[] read', async () => {
      sandbox.failNextGraphQL('server_error');
      const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
      assert.equal(response.problem?.code, 'http_error');
      assert.match(response.problem?.message ?? '', /answered 500/);
      assert.equal(response.errors[0].code, 'INTERNAL_SERVER_ERROR');
    });

    it('a response over maxResponseBytes is refused', async () => {
      const small = new GraphQLRunner({ tokens, http: axiosPost, allowedOrigins: [sandbox.url], maxResponseBytes: 16 * 1024 });
      const error = await failureOf(small.run({ endpoint: sandbox.graphqlEndpoint, query: '{ bigText(sizeKb: 64) }' }));
      assert.equal(error.code, 'response_too_large');
      assert.match(error.message, /sent a response larger than allowed/);
    });

    it('no answer within the timeout', async () => {
      sandbox.failNextGraphQL('slow');
      const quick = new GraphQLRunner({ tokens, http: axiosPost, allowedOrigins: [sandbox.url], timeoutMs: 250 });
      const error = await failureOf(quick.run({ endpoint: sandbox.graphqlEndpoint, query: ME }));
      assert.equal(error.code, 'timeout');
      assert.match(error.message, /did not answer within 250 ms/);
      assert.match(error.hint, /raise the timeout \(pipefy\.graphqlTimeoutSeconds\)/);
    });

    it('a cancelled request says so', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await failureOf(runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME, signal: controller.signal }));
      assert.equal(error.code, 'cancelled');
    });
  });

  describe('the token goes only to allowed origins', () => {
    let foreign: RecordingServer;
    beforeEach(async () => {
      foreign = await startRecordingServer();
    });
    afterEach(() => foreign.close());

    it('refuses an origin that is not allowed: the foreign server receives no request and no token is fetched', async () => {
      const error = await failureOf(runner.run({ endpoint: `${foreign.origin}/graphql`, query: ME }));
      assert.equal(error.code, 'origin_not_allowed');
      assert.match(error.message, new RegExp(`not sent to ${foreign.origin.replace(/\./g, '\\.')}: it is not an allowed origin`));
      assert.equal(foreign.requests.length, 0);
      assert.equal(sandbox.stats.tokenPosts, 0);
    });

    it('refuses http:// to a non-loopback host even if it is listed', async () => {
      const lax = new GraphQLRunner({ tokens, http: axiosPost, allowedOrigins: ['http://api.pipefy.com'] });
      const error = await failureOf(lax.run({ endpoint: 'http://api.pipefy.com/graphql', query: ME }));
      assert.equal(error.code, 'origin_not_allowed');
      assert.match(error.message, /not a loopback address/);
    });
  });
});

describe('GraphQL runner and redirects', () => {
  let foreign: RecordingServer;
  let api: RecordingServer | undefined;
  beforeEach(async () => {
    foreign = await startRecordingServer();
  });
  afterEach(async () => {
    await foreign.close();
    await api?.close();
    api = undefined;
  });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a ${status} to another origin is not followed, and the token never reaches it`, async () => {
      api = await startRecordingServer((_request, response) => {
        response.writeHead(status, { Location: `${foreign.origin}/graphql` }).end();
      });
      const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [api.origin] });
      const error = await failureOf(runner.run({ endpoint: `${api.origin}/graphql`, query: ME }));
      assert.equal(error.code, 'redirect_cross_origin');
      assert.match(error.message, /redirected to http:\/\/127\.0\.0\.1:\d+, another origin\. The redirect was not followed/);
      assert.equal(foreign.requests.length, 0, 'the foreign origin received nothing, so no Authorization header');
      assert.equal(api.requests[0].headers.authorization, 'Bearer fixed-token-123');
    });
  }

  it('a redirect to another port of the same host counts as another origin', async () => {
    api = await startRecordingServer((_request, response) => {
      response.writeHead(307, { Location: `http://localhost:${foreign.port}/graphql` }).end();
    });
    const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [api.origin, `http://localhost:${foreign.port}`] });
    const error = await failureOf(runner.run({ endpoint: `${api.origin}/graphql`, query: ME }));
    assert.equal(error.code, 'redirect_cross_origin');
    assert.equal(foreign.requests.length, 0);
  });

  it('a same-origin 307 is followed with the same body and the token', async () => {
    api = await startRecordingServer((request, response) => {
      if (request.path === '/v1/graphql') return void response.writeHead(307, { Location: '/graphql' }).end();
      answerJson(200, { data: { me: { id: '1' } } })(request, response);
    });
    const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [api.origin] });
    const response = await runner.run({ endpoint: `${api.origin}/v1/graphql`, query: ME, operationName: 'Me' });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, { data: { me: { id: '1' } } });
    assert.deepEqual(
      api.requests.map((r) => [r.method, r.path, r.headers.authorization]),
      [
        ['POST', '/v1/graphql', 'Bearer fixed-token-123'],
        ['POST', '/graphql', 'Bearer fixed-token-123'],
      ],
    );
    assert.equal(api.requests[1].body, api.requests[0].body);
  });

  it('a same-origin 302 is refused, since a POST cannot follow it', async () => {
    api = await startRecordingServer((_request, response) => void response.writeHead(302, { Location: '/graphql' }).end());
    const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [api.origin] });
    const error = await failureOf(runner.run({ endpoint: `${api.origin}/graphql`, query: ME }));
    assert.equal(error.code, 'redirect');
    assert.match(error.message, /answered 302 with a redirect to .*\/graphql, which a GraphQL POST cannot follow/);
    assert.equal(api.requests.length, 1);
  });

  it('a same-origin redirect loop stops after 3 redirects', async () => {
    api = await startRecordingServer((request, response) => void response.writeHead(307, { Location: request.path }).end());
    const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [api.origin] });
    const error = await failureOf(runner.run({ endpoint: `${api.origin}/graphql`, query: ME }));
    assert.equal(error.code, 'redirect');
    assert.equal(api.requests.length, 4);
  });
});

describe('GraphQL runner: network failures', () => {
  it('a closed port: connection refused', async () => {
    const port = await closedLoopbackPort();
    const origin = `http://127.0.0.1:${port}`;
    const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [origin] });
    const error = await failureOf(runner.run({ endpoint: `${origin}/graphql`, query: ME }));
    assert.equal(error.code, 'connection_refused');
    assert.match(error.message, /refused the connection/);
  });

  it('a host that does not exist: DNS failure', async () => {
    const origin = 'https://pipefy-playground-test.invalid';
    const runner = new GraphQLRunner({ tokens: fixedTokens('fixed-token-123'), http: axiosPost, allowedOrigins: [origin] });
    const error = await failureOf(runner.run({ endpoint: `${origin}/graphql`, query: ME }));
    assert.equal(error.code, 'dns');
    assert.match(error.message, /pipefy-playground-test\.invalid could not be found/);
  });
});
