import assert from 'node:assert/strict';
import { DEMO_CLIENT, type Sandbox, type SandboxOptions, startSandbox } from '../fixtures/sandbox';

const T0 = Date.UTC(2026, 10, 29, 12);
const OTHER_CLIENT = { clientId: 'other-client', clientSecret: 'other-secret' };
const ME = JSON.stringify({ query: '{ me { id } }' });

/** The sandbox's rate limit on a fake clock: time is the subject here. */
describe('sandbox rate limit', () => {
  let sandbox: Sandbox;
  let now = T0;
  const clock = { now: () => now };

  async function start(options: SandboxOptions): Promise<void> {
    await sandbox?.close();
    now = T0;
    sandbox = await startSandbox({ clock, clients: [DEMO_CLIENT, OTHER_CLIENT], tokenLifetimeSeconds: 3600, ...options });
  }

  async function tokenFor(client = DEMO_CLIENT): Promise<string> {
    const response = await fetch(sandbox.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function graphql(token: string): Promise<{ status: number; retryAfter: string | null; body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }> {
    const response = await fetch(sandbox.graphqlEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: ME });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as never };
  }

  async function statuses(token: string, count: number): Promise<number[]> {
    const result: number[] = [];
    for (let i = 0; i < count; i++) result.push((await graphql(token)).status);
    return result;
  }

  after(() => sandbox?.close());

  it('by default allows 500 requests in 30 s, then answers 429 without Retry-After for 5 minutes', async function () {
    this.timeout(60_000);
    await start({});
    const token = await tokenFor();
    const answers = await Promise.all(Array.from({ length: 500 }, () => graphql(token)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    now += 29_000;
    const over = await graphql(token);
    assert.equal(over.status, 429);
    assert.equal(over.retryAfter, null, 'Pipefy may send no Retry-After; the sandbox plays that by default');
    assert.equal(over.body.errors?.[0].extensions?.code, 'TOO_MANY_REQUESTS');
    assert.match(String(over.body.errors?.[0].extensions?.correlation_id), /^[0-9a-f]{32}$/);
    now += 299_000;
    assert.equal((await graphql(token)).status, 429, 'still locked out a second before the 5 minutes are up');
    now += 1_000;
    assert.equal((await graphql(token)).status, 200, 'the lockout ends after 5 minutes');
    assert.deepEqual(sandbox.rateLimitStats, { lockouts: 1, refused: 2 });
  });

  it('counts a sliding window: requests age out one by one', async () => {
    await start({ rateLimit: { requests: 3, windowSeconds: 10 } });
    const token = await tokenFor();
    assert.deepEqual(await statuses(token, 2), [200, 200]);
    now += 6_000;
    assert.deepEqual(await statuses(token, 1), [200]);
    now += 4_000; // the first two are out of the window now, the third is not
    assert.deepEqual(await statuses(token, 2), [200, 200]);
    assert.deepEqual(await statuses(token, 1), [429]);
  });

  it('sends Retry-After with the seconds left of the lockout when asked to', async () => {
    await start({ rateLimit: { requests: 1, lockoutSeconds: 120, retryAfter: true } });
    const token = await tokenFor();
    await graphql(token);
    const first = await graphql(token);
    assert.equal(first.status, 429);
    assert.equal(first.retryAfter, '120');
    now += 30_500;
    assert.equal((await graphql(token)).retryAfter, '90');
  });

  it('does not prolong a lockout for requests made during it', async () => {
    await start({ rateLimit: { requests: 1, lockoutSeconds: 60 } });
    const token = await tokenFor();
    await graphql(token);
    assert.equal((await graphql(token)).status, 429);
    for (let i = 0; i < 5; i++) {
      now += 10_000;
      assert.equal((await graphql(token)).status, 429);
    }
    now += 10_000;
    assert.equal((await graphql(token)).status, 200);
  });

  it('limits each service account on its own', async () => {
    await start({ rateLimit: { requests: 2 } });
    const mine = await tokenFor();
    const theirs = await tokenFor(OTHER_CLIENT);
    assert.deepEqual(await statuses(mine, 3), [200, 200, 429]);
    assert.deepEqual(await statuses(theirs, 2), [200, 200]);
  });

  it('can be switched off, changed at run time, and put back by reset()', async () => {
    await start({ rateLimit: false });
    const token = await tokenFor();
    assert.deepEqual(new Set(await statuses(token, 30)), new Set([200]));
    sandbox.setRateLimit({ requests: 1 });
    assert.deepEqual(await statuses(token, 2), [200, 429]);
    sandbox.reset();
    const fresh = await tokenFor();
    assert.deepEqual(new Set(await statuses(fresh, 30)), new Set([200]), 'reset() puts back the options the sandbox started with');
    assert.deepEqual(sandbox.rateLimitStats, { lockouts: 0, refused: 0 });
  });

  it('is configured over HTTP by POST /__sandbox/rate-limit, and reported by GET /__sandbox/stats', async () => {
    await start({});
    const control = (action: string, body: unknown) =>
      fetch(`${sandbox.url}/__sandbox/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await control('rate-limit', { requests: 1, retryAfter: true })).status, 200);
    const token = await tokenFor();
    assert.deepEqual(await statuses(token, 2), [200, 429]);
    const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as { rateLimit: unknown };
    assert.deepEqual(stats.rateLimit, { lockouts: 1, refused: 1 });
    assert.equal((await control('rate-limit', { off: true })).status, 200);
    assert.deepEqual(await statuses(token, 3), [200, 200, 200]);
    const refused = await control('rate-limit', { requests: 0 });
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { error: string }).error, /requests must be a whole number from 1/);
  });

  it('refuses introspection as graphql-ruby does when asked to, and answers other queries', async () => {
    await start({ refuseIntrospection: true });
    const token = await tokenFor();
    const ask = (query: string) =>
      fetch(sandbox.graphqlEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    const refused = (await (await ask('{ __schema { types { name } } }')).json()) as { data?: unknown; errors: Array<{ message: string }> };
    assert.equal(refused.data, undefined);
    assert.equal(refused.errors[0].message, "Field '__schema' doesn't exist on type 'Query'");
    const answered = (await (await ask('{ me { id } }')).json()) as { data: { me: { id: string } } };
    assert.ok(answered.data.me.id);
  });

  it('serves a second origin with the same tokens and limit, and can refuse introspection on one origin only', async () => {
    await start({ secondOrigin: true, refuseIntrospection: 'first', rateLimit: { requests: 2 } });
    assert.ok(sandbox.secondGraphqlEndpoint && sandbox.secondUrl !== sandbox.url);
    const token = await tokenFor();
    const introspect = async (endpoint: string) => {
      const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
      return { status: response.status, body: (await response.json()) as { data?: { __schema: { queryType: { name: string } } }; errors?: unknown[] } };
    };
    const first = await introspect(sandbox.graphqlEndpoint);
    assert.equal(first.body.data, undefined);
    assert.equal(first.body.errors?.length, 1);
    const second = await introspect(sandbox.secondGraphqlEndpoint);
    assert.equal(second.body.data?.__schema.queryType.name, 'Query', 'the token from the first origin is good on the second');
    assert.equal((await introspect(sandbox.secondGraphqlEndpoint)).status, 429, 'one caller, one limit, whichever origin it calls');
  });
});
