import assert from 'node:assert/strict';
import { TokenRequestError } from '../../../../src/core/oauth/tokenError';
import { RawHttpResponse, parseRetryAfter, processTokenResponse } from '../../../../src/core/oauth/tokenResponse';

const json = { 'content-type': 'application/json; charset=utf-8' };

function response(status: number, body: unknown, headers: Record<string, string> = json): RawHttpResponse {
  return { status, headers, bodyText: typeof body === 'string' ? body : JSON.stringify(body) };
}

function failure(raw: RawHttpResponse): TokenRequestError {
  try {
    processTokenResponse(raw);
  } catch (error) {
    assert.ok(error instanceof TokenRequestError, `a TokenRequestError, got ${String(error)}`);
    return error;
  }
  assert.fail('the response was accepted');
}

describe('token response: a valid answer becomes an IssuedToken', () => {
  it('reads access_token, token_type, expires_in and created_at, and keeps the whole JSON', () => {
    const body = { access_token: 'tok', token_type: 'Bearer', expires_in: 3600, created_at: 1_700_000_000, scope: 'read' };
    assert.deepEqual(processTokenResponse(response(200, body)), {
      accessToken: 'tok',
      tokenType: 'Bearer',
      expiresInSeconds: 3600,
      createdAtSeconds: 1_700_000_000,
      raw: body,
    });
  });

  it('accepts token_type in any case and a missing expires_in', () => {
    const token = processTokenResponse(response(200, { access_token: 'tok', token_type: 'bEaReR' }));
    assert.equal(token.tokenType, 'bEaReR');
    assert.equal(token.expiresInSeconds, undefined);
  });

  it('accepts a missing token_type: only a type other than bearer is refused', () => {
    assert.equal(processTokenResponse(response(200, { access_token: 'tok', expires_in: 300 })).tokenType, undefined);
  });

  for (const tokenType of ['mac', 'DPoP', 'N_A', '', 'Bearer realm', 42, true, ['Bearer']]) {
    it(`refuses token_type ${JSON.stringify(tokenType)} with a message that names it`, () => {
      const error = failure(response(200, { access_token: 'tok', token_type: tokenType, expires_in: 300 }));
      assert.equal(error.code, 'unsupported_token_type');
      assert.equal(error.message, `The token endpoint issued a token of type ${JSON.stringify(tokenType)}; only "Bearer" is usable.`);
      assert.match(error.hint, /accepts only tokens of type "Bearer"/);
      assert.equal(error.details.status, 200);
    });
  }

  it('accepts expires_in sent as a numeric string', () => {
    assert.equal(processTokenResponse(response(200, { access_token: 'tok', expires_in: '300' })).expiresInSeconds, 300);
  });

  it('accepts a JSON body whatever the content type says, as long as it is not HTML', () => {
    assert.equal(processTokenResponse(response(200, { access_token: 'tok' }, { 'content-type': 'text/plain' })).accessToken, 'tok');
  });
});

describe('token response: every bad answer has a stable code, a message and a hint', () => {
  it('gives the server\'s own sentence after the status, with no stray punctuation', () => {
    const doorkeeper = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';
    assert.equal(
      failure(response(401, { error: 'invalid_client', error_description: doorkeeper })).message,
      `The token endpoint refused the request (401 invalid_client): ${doorkeeper}`,
    );
    assert.equal(failure(response(403, { error: 'access_denied' })).message, 'The token endpoint refused the request (403 access_denied).');
    assert.equal(failure(response(418, { note: 'no OAuth error' })).message, 'The token endpoint refused the request (418).');
  });

  it('401 invalid_client says to check the credentials and that Pipefy shows a secret only once', () => {
    const error = failure(response(401, { error: 'invalid_client', error_description: 'Client authentication failed' }));
    assert.equal(error.code, 'invalid_client');
    assert.equal(error.message, 'The token endpoint refused the request (401 invalid_client): Client authentication failed.');
    assert.match(error.hint, /client ID/);
    assert.match(error.hint, /shows a secret only once/);
    assert.deepEqual(error.details, { status: 401, oauthError: 'invalid_client', oauthDescription: 'Client authentication failed' });
  });

  it('400 invalid_request suggests another client authentication mode', () => {
    const error = failure(response(400, { error: 'invalid_request' }));
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, /400 invalid_request/);
    assert.match(error.hint, /client authentication mode/);
  });

  for (const oauthError of ['unauthorized_client', 'invalid_grant', 'unsupported_grant_type', 'invalid_scope'] as const) {
    it(`400 ${oauthError} keeps its own code`, () => {
      assert.equal(failure(response(400, { error: oauthError })).code, oauthError);
    });
  }

  it('an unknown OAuth error is reported as oauth_error with the server\'s words', () => {
    const error = failure(response(403, { error: 'account_locked', error_description: 'Locked by admin' }));
    assert.equal(error.code, 'oauth_error');
    assert.match(error.message, /\(403 account_locked\): Locked by admin/);
  });

  it('a 4xx without an OAuth error is an http_error', () => {
    const error = failure(response(404, 'Not Found', { 'content-type': 'text/plain' }));
    assert.equal(error.code, 'http_error');
    assert.match(error.message, /\(404\)\./);
  });

  it('an HTML page says the URL is probably a web page, even with a 200', () => {
    for (const [headers, body] of [
      [{ 'content-type': 'text/html' }, 'Sign in'],
      [{}, '<!DOCTYPE html><html><body>Login</body></html>'],
      [{ 'content-type': 'text/plain' }, '  <html>oops</html>'],
    ] as const) {
      const error = failure(response(200, body, headers));
      assert.equal(error.code, 'html_response');
      assert.match(error.message, /HTML page instead of JSON/);
      assert.match(error.hint, /oauth\/token/);
    }
  });

  it('a body that is not a JSON object is not_json', () => {
    for (const body of ['not json', '[1,2]', '"tok"', '']) {
      const error = failure(response(200, body));
      assert.equal(error.code, 'not_json', JSON.stringify(body));
      assert.match(error.message, /not a JSON object/);
    }
  });

  it('JSON without a usable access_token is missing_access_token', () => {
    for (const body of [{ token_type: 'bearer' }, { access_token: '' }, { access_token: '   ' }, { access_token: 42 }]) {
      const error = failure(response(200, body));
      assert.equal(error.code, 'missing_access_token', JSON.stringify(body));
      assert.equal(error.message, 'The token endpoint answered without an access_token.');
    }
  });

  it('an expires_in that is not a number of seconds is invalid_expires_in and quotes it', () => {
    for (const expires_in of ['soon', -5, '1e3', true, { s: 1 }]) {
      const error = failure(response(200, { access_token: 'tok', expires_in }));
      assert.equal(error.code, 'invalid_expires_in', JSON.stringify(expires_in));
      assert.ok(error.message.includes(JSON.stringify(expires_in)), error.message);
    }
  });

  it('429 reads Retry-After and says when to retry', () => {
    const error = failure(response(429, { error: 'rate_limited' }, { ...json, 'retry-after': '7' }));
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.details.retryAfterSeconds, 7);
    assert.match(error.message, /retry after 7 s/);
  });

  it('429 without Retry-After still says it is rate limited', () => {
    const error = failure(response(429, ''));
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.details.retryAfterSeconds, undefined);
    assert.equal(error.message, 'The token endpoint is rate limiting requests (429).');
  });

  it('5xx is a server_error that says a valid token stays in use', () => {
    for (const status of [500, 502, 503]) {
      const error = failure(response(status, { error: 'boom' }));
      assert.equal(error.code, 'server_error');
      assert.match(error.message, new RegExp(`server error \\(${status}\\)`));
      assert.match(error.hint, /still valid stays in use/);
    }
  });

  it('a redirect is refused, so the secret is never re-sent elsewhere', () => {
    const error = failure(response(302, '', { location: 'https://evil.example/token' }));
    assert.equal(error.code, 'redirect');
    assert.match(error.message, /302 with a redirect to https:\/\/evil\.example\/token, which is not followed/);
  });
});

describe('token response: Retry-After', () => {
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter(' 120 '), 120);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now), 0);
  });

  it('ignores what it cannot read', () => {
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('later'), undefined);
  });
});
