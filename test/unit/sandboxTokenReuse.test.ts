import { strict as assert } from 'node:assert';
import { DEMO_CLIENT, startSandbox, TOKEN_REUSE_MODES, type Sandbox, type TokenReuse } from '../fixtures/sandbox';

// Plain fetch on purpose: the sandbox's token modes are checked on their own, not through the client.

const T0 = Date.UTC(2025, 0, 1);

interface TokenAnswer {
  access_token: string;
  expires_in: number;
  created_at: number;
}

describe('sandbox token reuse modes', () => {
  let sandbox: Sandbox;
  let now: number;
  const clock = { now: () => now };

  async function start(tokenReuse?: TokenReuse): Promise<void> {
    await sandbox?.close();
    now = T0;
    sandbox = await startSandbox({ clock, tokenLifetimeSeconds: 300, tokenReuse });
  }

  async function post(): Promise<TokenAnswer> {
    const response = await fetch(sandbox.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as TokenAnswer;
  }

  async function graphqlStatus(token: string): Promise<number> {
    const response = await fetch(sandbox.graphqlEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    await response.text();
    return response.status;
  }

  after(() => sandbox?.close());

  it('"same" (the default): the same token, expires_in counting down to 0 in its last second', async () => {
    await start();
    const first = await post();
    now += 250_400;
    const later = await post();
    now += 49_000;
    const last = await post();
    assert.deepEqual([later.access_token, last.access_token], [first.access_token, first.access_token]);
    assert.deepEqual([first.expires_in, later.expires_in, last.expires_in], [300, 49, 0]);
    assert.equal(await graphqlStatus(first.access_token), 200);
    now += 600;
    assert.notEqual((await post()).access_token, first.access_token);
  });

  it('"same-full-lifetime": the same token, but expires_in is its whole lifetime every time', async () => {
    await start('same-full-lifetime');
    const first = await post();
    now += 299_000;
    const again = await post();
    assert.equal(again.access_token, first.access_token);
    assert.equal(again.expires_in, 300);
    assert.equal(again.created_at, first.created_at);
    now += 1000;
    assert.equal(await graphqlStatus(first.access_token), 401, 'it still dies when its real lifetime ends');
    assert.notEqual((await post()).access_token, first.access_token);
  });

  it('"new": a new token on every POST, and the earlier ones keep working', async () => {
    await start('new');
    const first = await post();
    const second = await post();
    assert.notEqual(second.access_token, first.access_token);
    assert.equal(second.expires_in, 300);
    assert.deepEqual([await graphqlStatus(first.access_token), await graphqlStatus(second.access_token)], [200, 200]);
  });

  it('"new-revoking": a new token on every POST, and the previous one gets 401 from then on', async () => {
    await start('new-revoking');
    const first = await post();
    assert.equal(await graphqlStatus(first.access_token), 200);
    const second = await post();
    assert.notEqual(second.access_token, first.access_token);
    assert.deepEqual([await graphqlStatus(first.access_token), await graphqlStatus(second.access_token)], [401, 200]);
    assert.equal(sandbox.stats.expiredTokenRequests, 0, 'a revoked token is not an expired one');
  });

  it('changes mode at run time, over HTTP too, and reset() puts back the starting mode', async () => {
    await start('same');
    const first = await post();
    sandbox.setTokenReuse('new');
    assert.notEqual((await post()).access_token, first.access_token);
    const control = await fetch(`${sandbox.url}/__sandbox/token-reuse`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'new-revoking' }) });
    assert.equal(control.status, 200);
    const third = await post();
    const fourth = await post();
    assert.equal(await graphqlStatus(third.access_token), 401);
    sandbox.reset();
    const fifth = await post();
    assert.equal((await post()).access_token, fifth.access_token, 'back to "same"');
    assert.notEqual(fourth.access_token, fifth.access_token);
  });

  it('refuses an unknown mode, at start, by method and over HTTP', async () => {
    await start();
    assert.throws(() => sandbox.setTokenReuse('sometimes' as TokenReuse), /Unknown token reuse mode "sometimes"\. Known: same, same-full-lifetime, new, new-revoking/);
    const control = await fetch(`${sandbox.url}/__sandbox/token-reuse`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'sometimes' }) });
    assert.equal(control.status, 400);
    await assert.rejects(startSandbox({ tokenReuse: 'sometimes' as TokenReuse }), /Unknown token reuse mode/);
    assert.deepEqual([...TOKEN_REUSE_MODES], ['same', 'same-full-lifetime', 'new', 'new-revoking']);
  });
});
