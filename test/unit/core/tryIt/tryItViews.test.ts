import assert from 'node:assert/strict';
import { REDACTED } from '../../../../src/core/log/redact';
import { TokenRequestError } from '../../../../src/core/oauth/tokenError';
import { accountSummary, errorView, requestView, responseView } from '../../../../src/core/tryIt/tryItViews';

/** What the host turns into messages for the webview: the secret must not survive any of it. */
describe('Try It views sent to the webview', () => {
  const fields = { tokenEndpoint: 'https://app.pipefy.com/oauth/token', clientId: 'client-1' };

  it('previews every auth mode with the secret redacted, never reading the real one', () => {
    for (const authMode of ['form', 'json', 'basic'] as const) {
      const view = requestView({ ...fields, authMode }, true);
      const text = JSON.stringify(view);
      assert.equal(view.method, 'POST');
      assert.equal(view.url, fields.tokenEndpoint);
      assert.ok(text.includes(REDACTED), `${authMode} shows where the secret goes`);
      assert.ok(text.includes('client_credentials'));
    }
    assert.match(requestView({ ...fields, authMode: 'basic' }, true).headers.Authorization, /^Basic «redacted»$/);
  });

  it('shows an empty secret as empty, so the user sees it is missing', () => {
    const view = requestView({ ...fields, authMode: 'form' }, false);
    assert.match(view.body, /client_secret=$/);
  });

  it('trims the client ID as the request does', () => {
    assert.match(requestView({ ...fields, clientId: '  client-1 ', authMode: 'form' }, true).body, /client_id=client-1&/);
  });

  it('scrubs the client secret from a response that echoes it, in any encoding', () => {
    const secret = 'my secret/+&';
    const view = responseView(
      {
        status: 400,
        headers: { 'x-debug': `got ${secret}` },
        bodyText: JSON.stringify({ error: 'invalid_request', raw: secret, form: new URLSearchParams({ s: secret }).toString(), uri: encodeURIComponent(secret) }),
        durationMs: 5,
        sizeBytes: 10,
      },
      secret,
    );
    const text = JSON.stringify(view);
    assert.equal(text.includes(secret), false);
    assert.equal(text.includes(encodeURIComponent(secret)), false);
    assert.equal(text.includes(new URLSearchParams({ s: secret }).toString().slice(2)), false);
  });

  it('scrubs a secret holding a quote or a backslash that a server echoes inside a JSON string', () => {
    for (const secret of ['pa"ss/word', 'back\\slash-9', 'both\\"q']) {
      const bodyText = JSON.stringify({ error: 'invalid_client', error_description: `unknown secret ${secret}` });
      const view = responseView({ status: 401, headers: {}, bodyText, durationMs: 5, sizeBytes: bodyText.length }, secret);
      assert.equal(view.bodyText.includes(JSON.stringify(secret).slice(1, -1)), false, `the JSON-escaped form of ${secret} is shown`);
      assert.match(view.bodyText, /unknown secret «redacted»/);
      assert.deepEqual(JSON.parse(view.bodyText), { error: 'invalid_client', error_description: `unknown secret ${REDACTED}` });
    }
  });

  it('keeps the token response as received (the token is what the user asked for)', () => {
    const body = '{"access_token":"tok-123","expires_in":300}';
    assert.equal(responseView({ status: 200, headers: {}, bodyText: body, durationMs: 1, sizeBytes: body.length }, 'sekret-1').bodyText, body);
  });

  it('turns errors into message and hint, scrubbed of the secret', () => {
    const view = errorView(new TokenRequestError('invalid_client', 'refused sekret-1', 'check sekret-1', { status: 401 }), 'sekret-1');
    assert.deepEqual(view, { code: 'invalid_client', message: `refused ${REDACTED}`, hint: `check ${REDACTED}`, status: 401 });
    assert.equal(errorView(new Error('boom sekret-1'), 'sekret-1').message, `boom ${REDACTED}`);
  });

  it('summarises an account with whether it has a secret, and nothing of the secret', () => {
    const summary = accountSummary(
      { id: 'a1', label: 'prod', tokenEndpoint: 'https://t', graphqlEndpoint: 'https://g', clientId: 'c', authMode: 'form' },
      true,
      'a1',
    );
    assert.deepEqual(Object.keys(summary).sort(), ['active', 'authMode', 'clientId', 'description', 'hasSecret', 'id', 'label', 'tokenEndpoint']);
    assert.equal(summary.hasSecret, true);
    assert.equal(summary.active, true);
  });
});
