import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
// An ES module: loaded with import(), and its types with resolution-mode 'import'.
import type { MutableResponse, OAuth2Server } from 'oauth2-mock-server' with { 'resolution-mode': 'import' };
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { TokenRequestError } from '../../../../src/core/oauth/tokenError';
import { requestTokenOrThrow } from '../../testSupport/outcomes';
import { decodeJwtTimes, toCachedToken } from '../../../../src/core/token/cachedToken';
import { rfc6749Credentials } from './rfc6749Credentials';

/**
 * The token client against an OAuth server nobody here wrote (oauth2-mock-server, from npm): it
 * reads client_credentials from a form or JSON body and issues JWTs. It checks no credentials, so
 * a hook makes it check them the way RFC 6749 §2.3.1 reads them (a Basic header's parts
 * form-decoded), where the sandbox reads them as Doorkeeper does.
 */
describe('token request against a third-party OAuth server (oauth2-mock-server)', () => {
  const client = { clientId: 'third-party-client', clientSecret: 'third-party-secret' };
  let server: OAuth2Server;
  let tokenEndpoint: string;
  let seen: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }>;

  before(async () => {
    const { OAuth2Server } = await import('oauth2-mock-server');
    server = new OAuth2Server();
    await server.issuer.keys.generate('RS256');
    await server.start(0, '127.0.0.1');
    tokenEndpoint = `http://127.0.0.1:${server.address().port}/token`;
  });
  after(() => server.stop());

  let expected: { clientId: string; clientSecret: string };

  beforeEach(() => {
    seen = [];
    expected = client;
    server.service.removeAllListeners('beforeResponse');
    server.service.on('beforeResponse', (response: MutableResponse, request: IncomingMessage & { body: Record<string, unknown> }) => {
      seen.push({ headers: request.headers, body: request.body });
      const sent = rfc6749Credentials(request);
      if (sent?.clientId !== expected.clientId || sent.clientSecret !== expected.clientSecret) {
        response.statusCode = 401;
        response.body = { error: 'invalid_client', error_description: 'Client authentication failed.' };
      }
    });
  });

  for (const mode of ['form', 'json', 'basic'] as const) {
    it(`${mode}: gets a JWT whose expiry the client reads from expires_in`, async () => {
      const receivedAt = Date.now();
      const result = await requestTokenOrThrow({ tokenEndpoint, ...client, authMode: mode }, axiosPost, () => receivedAt);
      assert.equal(result.token.tokenType, 'Bearer');
      assert.equal(result.token.expiresInSeconds, 3600);
      const times = decodeJwtTimes(result.token.accessToken);
      assert.ok(times?.exp, 'the access token is a JWT with exp');
      assert.equal(toCachedToken(result.token, result.exchange).expiresAt, receivedAt + 3600 * 1000);

      assert.equal(seen.length, 1);
      assert.equal(seen[0].body.grant_type, 'client_credentials');
      if (mode === 'basic') {
        assert.equal(seen[0].headers.authorization, `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`);
        assert.equal(seen[0].body.client_secret, undefined);
      } else {
        assert.equal(seen[0].body.client_id, client.clientId);
        assert.equal(seen[0].body.client_secret, client.clientSecret);
        assert.equal(seen[0].headers.authorization, undefined);
      }
    });
  }

  describe('a secret with + / = % : " \\', () => {
    const special = { clientId: 'tenant client+1', clientSecret: 'a+b/c=d%25e:f %zz"\\€' };
    beforeEach(() => {
      expected = special;
    });

    for (const mode of ['form', 'json', 'basic'] as const) {
      it(`${mode}: gets a token`, async () => {
        const result = await requestTokenOrThrow({ tokenEndpoint, ...special, authMode: mode }, axiosPost);
        assert.ok(result.token.accessToken);
      });
    }

    it('basic: refused as-is, then accepted form-encoded (RFC 6749 §2.3.1)', async () => {
      await requestTokenOrThrow({ tokenEndpoint, ...special, authMode: 'basic' }, axiosPost);
      assert.equal(seen.length, 2);
      const decoded = seen.map((request) => Buffer.from(String(request.headers.authorization).slice('Basic '.length), 'base64').toString('utf8'));
      const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
      assert.deepEqual(decoded, [`${special.clientId}:${special.clientSecret}`, `${formEncode(special.clientId)}:${formEncode(special.clientSecret)}`]);
    });

    it('basic with an ID that holds a colon goes form-encoded straight away', async () => {
      expected = { clientId: 'tenant:client', clientSecret: special.clientSecret };
      await requestTokenOrThrow({ tokenEndpoint, ...expected, authMode: 'basic' }, axiosPost);
      assert.equal(seen.length, 1);
    });
  });

  it('without expires_in, the expiry falls back to the JWT exp claim', async () => {
    server.service.once('beforeResponse', (response: MutableResponse) => {
      if (response.body) delete response.body.expires_in;
    });
    const receivedAt = Date.now();
    const result = await requestTokenOrThrow({ tokenEndpoint, ...client, authMode: 'form' }, axiosPost, () => receivedAt);
    assert.equal(result.token.expiresInSeconds, undefined);
    const exp = decodeJwtTimes(result.token.accessToken)?.exp;
    assert.ok(exp && exp > receivedAt);
    const cached = toCachedToken(result.token, result.exchange);
    assert.equal(cached.expiresAt, exp);
    assert.equal(cached.refreshAt, exp - 60_000);
  });

  it('an OAuth error from that server is reported with its code', async () => {
    server.service.once('beforeResponse', (response: MutableResponse) => {
      response.statusCode = 401;
      response.body = { error: 'invalid_client', error_description: 'Unknown client' };
    });
    await assert.rejects(requestTokenOrThrow({ tokenEndpoint, ...client, authMode: 'form' }, axiosPost), (error: unknown) => {
      assert.ok(error instanceof TokenRequestError);
      assert.equal(error.code, 'invalid_client');
      assert.match(error.message, /\(401 invalid_client\): Unknown client/);
      return true;
    });
  });

  it('an invalid_grant refusal to a JSON-body request keeps its code', async () => {
    server.service.once('beforeResponse', (response: MutableResponse) => {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant' };
    });
    await assert.rejects(requestTokenOrThrow({ tokenEndpoint, ...client, authMode: 'json' }, axiosPost), { code: 'invalid_grant' });
  });
});
