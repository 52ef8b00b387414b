import assert from 'node:assert/strict';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { REDACTED } from '../../../../src/core/log/redact';
import { TokenRequestConfig, type TokenOutcome, previewTokenRequest, requestToken } from '../../../../src/core/oauth/requestToken';
import { TokenRequestError, type TokenErrorCode } from '../../../../src/core/oauth/tokenError';
import { DEMO_CLIENT, Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { failed, requestTokenOrThrow } from '../../testSupport/outcomes';
import { closedLoopbackPort, startRecordingServer } from '../../../fixtures/servers/recordingServer';

const MODES = ['form', 'json', 'basic'] as const;
const FIXED_NOW = Date.parse('2025-03-01T12:00:00Z');

/** Every way a secret can show up in what is sent: raw, URL-encoded, form-encoded, JSON-escaped, base64 in Basic. */
function secretShapes(clientId: string, secret: string): string[] {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret).replace(/%20/g, '+')}`).toString('base64');
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1), basic];
}

type FailedExchange = TokenRequestError & Pick<Extract<TokenOutcome, { ok: false }>, 'exchange'>;

/** The failure a token request returned: its error, with what was sent and what came back. */
async function failureOf(outcome: Promise<TokenOutcome>): Promise<FailedExchange> {
  const { error, exchange } = failed(await outcome);
  return Object.assign(error, { exchange });
}

function assertFailure(error: FailedExchange, code: TokenErrorCode, message: RegExp): void {
  assert.equal(error.code, code, error.message);
  assert.match(error.message, message);
  assert.ok(error.hint.length > 10, 'a hint says what to do');
}

describe('token request preview: what is sent, with the secret redacted', () => {
  const config = { tokenEndpoint: ' https://app.pipefy.com/oauth/token ', ...DEMO_CLIENT };

  it('form: shows the body with client_id and a redacted client_secret', () => {
    assert.deepEqual(previewTokenRequest({ ...config, authMode: 'form' }), {
      method: 'POST',
      url: 'https://app.pipefy.com/oauth/token',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=sandbox-client-id&client_secret=${REDACTED}`,
    });
  });

  it('json: shows the JSON body with a redacted client_secret', () => {
    const preview = previewTokenRequest({ ...config, authMode: 'json' });
    assert.deepEqual(JSON.parse(preview.body), { grant_type: 'client_credentials', client_id: 'sandbox-client-id', client_secret: REDACTED });
  });

  it('basic: redacts the whole Authorization value, since it is the encoded secret', () => {
    const preview = previewTokenRequest({ ...config, authMode: 'basic' });
    assert.equal(preview.headers.Authorization, `Basic ${REDACTED}`);
    assert.equal(preview.body, 'grant_type=client_credentials');
  });

  for (const mode of MODES) {
    it(`${mode}: never shows a secret with special characters, in any encoding`, () => {
      const clientSecret = 'pa ss"wo\\rd!&=+%/€';
      const preview = previewTokenRequest({ ...config, clientSecret, authMode: mode });
      const shown = [preview.url, preview.body, ...Object.values(preview.headers)];
      for (const text of shown) {
        for (const shape of secretShapes(config.clientId, clientSecret)) assert.ok(!text.includes(shape), `${shape} leaked in ${text}`);
      }
      assert.ok(shown.some((text) => text.includes(REDACTED)));
    });
  }
});

describe('token request: gets a token from the Pipefy sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ slowMs: 10_000 });
  });
  afterEach(() => sandbox.reset());
  after(() => sandbox.close());

  const config = (fields: Partial<TokenRequestConfig> = {}): TokenRequestConfig => ({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form', ...fields });

  for (const mode of MODES) {
    it(`${mode}: authenticates and returns the validated token with the exchange`, async () => {
      const result = await requestTokenOrThrow(config({ authMode: mode }), axiosPost, () => FIXED_NOW);
      assert.match(result.token.accessToken, /^[A-Za-z0-9_-]{20,}$/);
      assert.equal(result.token.tokenType, 'Bearer');
      assert.equal(result.token.expiresInSeconds, 300);
      assert.equal(typeof result.token.createdAtSeconds, 'number');
      assert.deepEqual(Object.keys(result.token.raw).sort(), ['access_token', 'created_at', 'expires_in', 'token_type'], 'the whole JSON is kept for display');
      assert.equal(result.exchange.receivedAt, FIXED_NOW);
      assert.equal(result.exchange.response.status, 200);
      assert.equal(result.exchange.response.sizeBytes, Buffer.byteLength(result.exchange.response.bodyText));
      assert.match(result.exchange.response.headers['content-type'], /application\/json/);
      assert.equal(result.exchange.request.url, sandbox.tokenEndpoint);
      assert.equal(sandbox.stats.tokenPosts, 1);
    });

    it(`${mode}: sends the secret only where the mode says, never in the URL`, async () => {
      await requestTokenOrThrow(config({ authMode: mode }), axiosPost);
      const [sent] = sandbox.requests;
      assert.equal(sent.path, '/oauth/token');
      assert.equal(sent.method, 'POST');
      if (mode === 'basic') {
        assert.match(sent.authorization ?? '', /^Basic /);
        assert.ok(!sent.body.includes(DEMO_CLIENT.clientSecret));
      } else {
        assert.equal(sent.authorization, undefined);
        assert.ok(sent.body.includes(DEMO_CLIENT.clientSecret));
      }
    });
  }

  describe('a secret with + / = % : against the sandbox, which reads Basic credentials as Doorkeeper does', () => {
    const client = { clientId: 'tenant client+1', clientSecret: 'a+b/c=d%25e:f %zz"\\€' };
    let special: Sandbox;
    before(async () => {
      special = await startSandbox({ clients: [client] });
    });
    after(() => special.close());

    for (const mode of MODES) {
      it(`${mode}: gets a token`, async () => {
        const result = await requestTokenOrThrow({ tokenEndpoint: special.tokenEndpoint, ...client, authMode: mode }, axiosPost);
        assert.ok(result.token.accessToken);
      });
    }

    it('basic sends the credentials as they are, once, as Pipefy\'s own SDK does', async () => {
      const posts = special.stats.tokenPosts;
      await requestTokenOrThrow({ tokenEndpoint: special.tokenEndpoint, ...client, authMode: 'basic' }, axiosPost);
      assert.equal(special.stats.tokenPosts - posts, 1);
      assert.equal(special.requests.at(-1)?.authorization, `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`);
    });

    it('a wrong secret in basic is tried both ways, then says to use the form body', async () => {
      const posts = special.stats.tokenPosts;
      const error = await failureOf(requestToken({ tokenEndpoint: special.tokenEndpoint, clientId: client.clientId, clientSecret: 'wrong+secret', authMode: 'basic' }, axiosPost));
      assert.equal(error.code, 'invalid_client');
      assert.match(error.hint, /sent both as-is and form-encoded, and both were refused/);
      assert.match(error.hint, /use the form body mode \(client_secret_post\) instead/);
      assert.equal(error.exchange.response?.status, 401);
      assert.equal(special.stats.tokenPosts - posts, 2);
    });

    it('an ID with a colon cannot go in a Basic header as Doorkeeper reads it: the message says to use the form body', async () => {
      const colon = { clientId: 'tenant:client', clientSecret: 'plain-secret' };
      const server = await startSandbox({ clients: [colon] });
      try {
        await assert.rejects(requestTokenOrThrow({ tokenEndpoint: server.tokenEndpoint, ...colon, authMode: 'basic' }, axiosPost), (error: unknown) => {
          assert.ok(error instanceof TokenRequestError);
          assert.equal(error.code, 'invalid_client');
          assert.match(error.hint, /The client ID holds a colon.*use the form body mode/);
          return true;
        });
        assert.ok((await requestTokenOrThrow({ tokenEndpoint: server.tokenEndpoint, ...colon, authMode: 'form' }, axiosPost)).token.accessToken);
      } finally {
        await server.close();
      }
    });

    it('a wrong plain secret in basic is tried once, with the usual hint', async () => {
      const posts = sandbox.stats.tokenPosts;
      await assert.rejects(requestTokenOrThrow(config({ authMode: 'basic', clientSecret: 'wrong' }), axiosPost), (error: unknown) => {
        assert.ok(error instanceof TokenRequestError);
        assert.doesNotMatch(error.hint, /form-encoded/);
        assert.match(error.hint, /Pipefy shows a secret only once/);
        return true;
      });
      assert.equal(sandbox.stats.tokenPosts - posts, 1);
    });
  });

  it('gets the same token back while it is valid, with expires_in counting down', async () => {
    const first = await requestTokenOrThrow(config(), axiosPost);
    const second = await requestTokenOrThrow(config({ authMode: 'json' }), axiosPost);
    assert.equal(second.token.accessToken, first.token.accessToken);
    assert.ok(second.token.expiresInSeconds! <= first.token.expiresInSeconds!);
    assert.equal(second.token.createdAtSeconds, first.token.createdAtSeconds);
    assert.equal(sandbox.stats.tokensIssued, 1);
  });

  describe('what the token endpoint answers badly, each with a stable code', () => {
    it('a wrong secret: 401 invalid_client, with the hint that Pipefy shows a secret only once', async () => {
      const error = await failureOf(requestToken(config({ clientSecret: 'wrong-secret' }), axiosPost));
      assertFailure(error, 'invalid_client', /401 invalid_client/);
      assert.match(error.hint, /client ID, the client secret/);
      assert.match(error.hint, /shows a secret only once/);
      assert.equal(error.details.status, 401);
      assert.ok(!JSON.stringify(error.exchange.request).includes('wrong-secret'), 'the exchange shows no secret');
      assert.equal(error.exchange.response?.status, 401);
    });

    it('401 invalid_client on demand', async () => {
      sandbox.failNextToken('invalid_client');
      assertFailure(await failureOf(requestToken(config(), axiosPost)), 'invalid_client', /refused the request \(401 invalid_client/);
    });

    it('400 invalid_request', async () => {
      sandbox.failNextToken('invalid_request');
      const error = await failureOf(requestToken(config(), axiosPost));
      assertFailure(error, 'invalid_request', /refused the request \(400 invalid_request/);
      assert.match(error.hint, /client authentication mode/);
    });

    it('an HTML error page', async () => {
      sandbox.failNextToken('html');
      const error = await failureOf(requestToken(config(), axiosPost));
      assertFailure(error, 'html_response', /answered 502 with an HTML page instead of JSON/);
      assert.match(error.exchange.response?.bodyText ?? '', /<html>/, 'the page is kept to show');
    });

    it('a body that is not JSON', async () => {
      sandbox.failNextToken('not_json');
      assertFailure(await failureOf(requestToken(config(), axiosPost)), 'not_json', /answered 200 with a body that is not a JSON object/);
    });

    it('JSON without access_token', async () => {
      sandbox.failNextToken('no_access_token');
      assertFailure(await failureOf(requestToken(config(), axiosPost)), 'missing_access_token', /without an access_token/);
    });

    it('a bad expires_in', async () => {
      sandbox.failNextToken('bad_expires_in');
      assertFailure(await failureOf(requestToken(config(), axiosPost)), 'invalid_expires_in', /expires_in that is not a number of seconds \("soon"\)/);
    });

    it('429 with Retry-After: 7', async () => {
      sandbox.failNextToken('rate_limited');
      const error = await failureOf(requestToken(config(), axiosPost));
      assertFailure(error, 'rate_limited', /rate limiting requests \(429\); it asks to retry after 7 s/);
      assert.equal(error.details.retryAfterSeconds, 7);
    });

    it('5xx', async () => {
      sandbox.failNextToken('server_error');
      const error = await failureOf(requestToken(config(), axiosPost));
      assertFailure(error, 'server_error', /server error \(503\)/);
      assert.equal(error.details.status, 503);
    });

    it('a body over 1 MB is refused', async () => {
      sandbox.failNextToken('huge');
      const error = await failureOf(requestToken(config(), axiosPost));
      assertFailure(error, 'response_too_large', /sent a response larger than allowed/);
      assert.match(error.hint, /over 1 MB/);
    });

    it('a redirect is not followed, so the secret goes nowhere else', async () => {
      sandbox.failNextToken('redirect');
      const error = await failureOf(requestToken(config(), axiosPost));
      assertFailure(error, 'redirect', /answered 302 with a redirect to .*\/redirected\/oauth\/token, which is not followed/);
      assert.deepEqual(
        sandbox.requests.map((r) => r.path),
        ['/oauth/token'],
      );
    });

    it('no answer within the timeout', async () => {
      sandbox.failNextToken('slow');
      const error = await failureOf(requestToken(config({ timeoutMs: 250 }), axiosPost));
      assertFailure(error, 'timeout', /127\.0\.0\.1:\d+ did not answer within 250 ms/);
      assert.match(error.hint, /raise the timeout \(pipefy\.tokenRequestTimeoutSeconds\)/);
      assert.equal(error.exchange.response, undefined);
    });
  });

  it('a cancelled request says so', async () => {
    const controller = new AbortController();
    controller.abort();
    assertFailure(await failureOf(requestToken(config({ signal: controller.signal }), axiosPost)), 'cancelled', /cancelled/);
  });
});

describe('token request: network failures before any answer', () => {
  const config = (tokenEndpoint: string): TokenRequestConfig => ({ tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' });

  it('a host that does not exist: DNS failure', async () => {
    const error = await failureOf(requestToken(config('https://pipefy-playground-test.invalid/oauth/token'), axiosPost));
    assertFailure(error, 'dns', /^The host pipefy-playground-test\.invalid could not be found \(DNS lookup failed\)\.$/);
    assert.equal(error.exchange.response, undefined);
    assert.ok(!JSON.stringify(error.exchange).includes(DEMO_CLIENT.clientSecret));
  });

  it('a closed port: connection refused', async () => {
    const port = await closedLoopbackPort();
    assertFailure(await failureOf(requestToken(config(`http://127.0.0.1:${port}/oauth/token`), axiosPost)), 'connection_refused', new RegExp(`^127\\.0\\.0\\.1:${port} refused the connection\\.$`));
  });

  it('https to a server that does not speak TLS: TLS error', async () => {
    const plain = await startRecordingServer();
    try {
      const error = await failureOf(requestToken(config(`https://127.0.0.1:${plain.port}/oauth/token`), axiosPost));
      assertFailure(error, 'tls', /^The secure connection to 127\.0\.0\.1:\d+ failed \(.+\)\.$/);
      assert.match(error.hint, /did not answer with TLS: check https:\/\/ against http:\/\/ and the port/);
      assert.equal(plain.requests.length, 0, 'nothing was sent in clear text');
    } finally {
      await plain.close();
    }
  });

  it('http:// to a host that is not loopback is refused before anything is sent', async () => {
    const error = await failureOf(requestToken(config('http://app.pipefy.com/oauth/token'), axiosPost));
    assertFailure(error, 'invalid_config', /not a loopback address/);
    assert.equal(error.exchange.response, undefined);
    assert.equal(error.exchange.request.headers.Authorization, undefined);
  });

  it('an invalid URL is refused before anything is sent', async () => {
    assertFailure(await failureOf(requestToken(config('app.pipefy.com/oauth/token'), axiosPost)), 'invalid_config', /is not a valid URL/);
  });
});
