import assert from 'node:assert/strict';
import type { AccountMetadata } from '../../../../src/core/accounts/account';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { REDACTED } from '../../../../src/core/log/redact';
import { requestToken } from '../../../../src/core/oauth/requestToken';
import { acquiredOnce, fetchedToken, MemoryTokenStore, TokenCache } from '../../../../src/core/token/tokenCache';
import { type AdHocSendTarget, sendTryIt } from '../../../../src/core/tryIt/tryItSend';
import { DEMO_CLIENT, type Sandbox, startSandbox } from '../../../fixtures/sandbox';

/** Try It's Send, both ways the host wires it: ad hoc values sent once, a saved account through the cache. */
describe('Try It send: one way for both targets, against the sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.reset());
  after(() => sandbox.close());

  const adHoc = (fields: Partial<AdHocSendTarget> = {}): AdHocSendTarget => ({ kind: 'adhoc', tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form', ...fields });
  const once = (target: AdHocSendTarget) => (signal: AbortSignal) =>
    requestToken({ tokenEndpoint: target.tokenEndpoint, clientId: target.clientId, clientSecret: target.clientSecret, authMode: target.authMode, signal }, axiosPost).then(acquiredOnce);
  const account = (): AccountMetadata => ({
    id: 'acc-1',
    label: 'Sandbox',
    tokenEndpoint: sandbox.tokenEndpoint,
    graphqlEndpoint: sandbox.graphqlEndpoint,
    clientId: DEMO_CLIENT.clientId,
    authMode: 'form',
  });
  const throughCache = (cache: TokenCache) => (signal: AbortSignal) =>
    cache.acquire('acc-1', async () => fetchedToken(await requestToken({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form', signal }, axiosPost)), { forceRefresh: true });

  it('ad hoc: a token, the response as received, and the request with the secret redacted', async () => {
    const target = adHoc();
    const result = await sendTryIt(target, once(target), new AbortController().signal);
    assert.ok(result.ok);
    assert.deepEqual(result.source, { kind: 'adhoc' });
    assert.equal(result.response?.status, 200);
    assert.match(result.response?.bodyText ?? '', /"access_token"/);
    assert.ok(result.token && result.token.expiresAt! > result.token.obtainedAt);
    assert.ok(result.request?.body.includes(REDACTED));
    assert.ok(!JSON.stringify(result).includes(DEMO_CLIENT.clientSecret));
  });

  it('ad hoc: an invalid URL and an empty secret are named before anything is sent', async () => {
    const target = adHoc({ tokenEndpoint: 'not a url', clientSecret: '' });
    const result = await sendTryIt(target, once(target), new AbortController().signal);
    assert.equal(result.ok, false);
    assert.deepEqual(result.error?.fieldProblems?.map((p) => p.field), ['tokenEndpoint', 'clientSecret']);
    assert.equal(sandbox.stats.tokenPosts, 0);
  });

  it('ad hoc: a refusal shows the server\'s answer beside the error', async () => {
    const target = adHoc({ clientSecret: 'wrong-secret' });
    const result = await sendTryIt(target, once(target), new AbortController().signal);
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'invalid_client');
    assert.equal(result.response?.status, 401);
  });

  it('a saved account with no stored secret is named, and nothing is sent', async () => {
    const result = await sendTryIt({ kind: 'account', account: account(), clientSecret: undefined }, throughCache(new TokenCache(new MemoryTokenStore())), new AbortController().signal);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'missing_secret');
    assert.deepEqual(result.error.fieldProblems?.map((p) => p.field), ['clientSecret']);
    assert.deepEqual(result.source, { kind: 'account', accountId: 'acc-1', label: 'Sandbox' });
    assert.equal(sandbox.stats.tokenPosts, 0);
  });

  it('a saved account: the exchange the cache made is shown with the token', async () => {
    const result = await sendTryIt({ kind: 'account', account: account(), clientSecret: DEMO_CLIENT.clientSecret }, throughCache(new TokenCache(new MemoryTokenStore())), new AbortController().signal);
    assert.ok(result.ok);
    assert.equal(result.response?.status, 200);
    assert.equal(sandbox.stats.tokenPosts, 1);
  });

  it('Cancel answers at once even while the token request it joined goes on', async () => {
    const controller = new AbortController();
    let release!: () => void;
    const pending = new Promise<never>((_, reject) => (release = () => reject(new Error('late'))));
    const sending = sendTryIt({ kind: 'account', account: account(), clientSecret: DEMO_CLIENT.clientSecret }, () => pending, controller.signal);
    controller.abort();
    const result = await sending;
    release();
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'cancelled');
  });
});
