import { strict as assert } from 'node:assert';
import { judgeCheckFailure } from '../../../../src/core/accounts/credentialCheck';
import { TokenRequestError } from '../../../../src/core/oauth/tokenError';
import { processTokenResponse, type RawHttpResponse } from '../../../../src/core/oauth/tokenResponse';

/** The error the token request gives for this answer, as the check before saving meets it. */
function refusalOf(response: RawHttpResponse): unknown {
  try {
    processTokenResponse(response);
  } catch (error) {
    return error;
  }
  assert.fail('the answer was taken for a token');
}

const json = (status: number, body: unknown): RawHttpResponse => ({ status, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(body) });

describe('judgeCheckFailure: what a refused check before saving points at', () => {
  it('a Doorkeeper invalid_client points at the secret first, then the client ID, and the credentials were judged', () => {
    const error = refusalOf(json(401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' }));
    const refusal = judgeCheckFailure(error, 'form');
    assert.deepEqual(refusal.suspects, ['clientSecret', 'clientId']);
    assert.equal(refusal.unjudged, false);
    assert.equal(refusal.reason, 'the token endpoint refused the client ID or secret');
    assert.match(refusal.detail, /401 invalid_client.*unsupported authentication method\. /);
  });

  it('in Basic mode the auth mode is a suspect too, since servers read a Basic header two ways', () => {
    const refusal = judgeCheckFailure(refusalOf(json(401, { error: 'invalid_client' })), 'basic');
    assert.deepEqual(refusal.suspects, ['clientSecret', 'clientId', 'authMode']);
  });

  it('a bare 401 or 403 with no OAuth code is still a refusal of the credentials', () => {
    for (const status of [401, 403]) {
      const refusal = judgeCheckFailure(refusalOf({ status, headers: {}, bodyText: '' }), 'form');
      assert.deepEqual(refusal.suspects, ['clientSecret', 'clientId'], String(status));
    }
  });

  it('a request the endpoint did not read as a grant points at the auth mode', () => {
    for (const code of ['invalid_request', 'unsupported_grant_type']) {
      const refusal = judgeCheckFailure(refusalOf(json(400, { error: code })), 'json');
      assert.equal(refusal.suspects[0], 'authMode', code);
      assert.equal(refusal.unjudged, false);
    }
  });

  it('a web page or a 404 points at the token endpoint', () => {
    const page = judgeCheckFailure(refusalOf({ status: 200, headers: { 'content-type': 'text/html' }, bodyText: '<html></html>' }), 'form');
    const missing = judgeCheckFailure(refusalOf(json(404, { status: 'not found' })), 'form');
    for (const refusal of [page, missing]) {
      assert.deepEqual(refusal.suspects, ['tokenEndpoint']);
      assert.equal(refusal.reason, 'that URL does not answer as a token endpoint');
    }
  });

  it('an endpoint that is down never judged the credentials: Save Anyway is the likely answer', () => {
    const down = judgeCheckFailure(refusalOf({ status: 503, headers: {}, bodyText: '' }), 'form');
    assert.equal(down.unjudged, true);
    assert.deepEqual(down.suspects, []);
    const unreachable = judgeCheckFailure(new TokenRequestError('dns', 'The host app.pipefy.con was not found.', 'Check the URL.'), 'form');
    assert.equal(unreachable.unjudged, true);
    assert.deepEqual(unreachable.suspects, ['tokenEndpoint']);
    const cancelled = judgeCheckFailure(new TokenRequestError('cancelled', 'Cancelled.', ''), 'form');
    assert.equal(cancelled.reason, 'the check was cancelled');
  });

  it('an error that is not a token request\'s is taken as unjudged, its message kept', () => {
    const refusal = judgeCheckFailure(new Error('SecretStorage is locked'), 'form');
    assert.equal(refusal.unjudged, true);
    assert.equal(refusal.detail, 'SecretStorage is locked');
  });
});
