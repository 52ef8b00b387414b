import assert from 'node:assert/strict';
import { REDACTED, Redactor, redact, redactSecrets } from '../../../../src/core/log/redact';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYS0xIiwiZXhwIjoxOTAwMDAwMDAwfQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redaction: known secrets are replaced wherever they appear', () => {
  it('replaces every occurrence of each secret', () => {
    assert.equal(redactSecrets('a s3cret b s3cret c', ['s3cret']), `a ${REDACTED} b ${REDACTED} c`);
  });

  it('replaces the longer secret first, so a secret that contains another leaves nothing behind', () => {
    assert.equal(redactSecrets('token-abcdef', ['abcd', 'token-abcdef']), REDACTED);
  });

  it('ignores strings shorter than 4 characters, which would garble every log line', () => {
    assert.equal(redactSecrets('a b c', ['a', 'b']), 'a b c');
  });
});

describe('redaction: credential shapes are replaced even when the secret is not known', () => {
  it('hides Bearer and Basic header values, whatever the case', () => {
    assert.equal(redact('Authorization: Bearer abc.DEF-123_~+/=='), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redact('authorization: basic c2FuZGJveDpzZWNyZXQ='), `authorization: basic ${REDACTED}`);
    assert.equal(redact('Bearer abcdef, then more'), `Bearer ${REDACTED}, then more`);
    assert.equal(redact('{"Authorization":"Basic c2FuZGJveDpzZWNyZXQ="}'), `{"Authorization":"Basic ${REDACTED}"}`);
    assert.equal(redact('Bearer token.abc-123 Bearer realmXYZ'), `Bearer ${REDACTED} Bearer ${REDACTED}`);
  });

  it('leaves a challenge\'s parameters and prose about Bearer tokens readable', () => {
    const challenge = 'WWW-Authenticate: Bearer realm="Doorkeeper", error="invalid_client"';
    assert.equal(redact(challenge), challenge);
    assert.equal(redact('The answer is not a Bearer token; Bearer tokens expire.'), 'The answer is not a Bearer token; Bearer tokens expire.');
  });

  it('hides secrets and tokens in JSON fields', () => {
    const text = JSON.stringify({ access_token: 'tok-1', client_secret: 'sec-1', refresh_token: 'ref-1', id_token: 'id-1', token: 'tok-2', token_type: 'bearer' });
    const result = redact(text);
    for (const secret of ['tok-1', 'sec-1', 'ref-1', 'id-1', 'tok-2']) assert.ok(!result.includes(secret), `${secret} hidden in ${result}`);
    assert.match(result, /"token_type":"bearer"/, 'harmless fields stay readable');
    assert.match(result, new RegExp(`"access_token":"${REDACTED}"`));
  });

  it('hides a JSON secret that contains an escaped quote, all of it', () => {
    const text = JSON.stringify({ client_secret: 'abc"def-tail', client_id: 'id' });
    const result = redact(text);
    assert.ok(!result.includes('def-tail'), result);
    assert.deepEqual(JSON.parse(result), { client_secret: REDACTED, client_id: 'id' });
  });

  it('hides secrets and tokens in form fields and query strings', () => {
    const result = redact('grant_type=client_credentials&client_id=cid&client_secret=s%20e+c&access_token=tok');
    assert.equal(result, `grant_type=client_credentials&client_id=cid&client_secret=${REDACTED}&access_token=${REDACTED}`);
  });

  it('hides JWTs found anywhere', () => {
    assert.equal(redact(`got ${jwt} back`), `got ${REDACTED} back`);
  });

  it('leaves text without credentials alone', () => {
    const text = 'POST https://app.pipefy.com/oauth/token 200 in 120 ms';
    assert.equal(redact(text), text);
  });
});

describe('redaction: the Redactor remembers the secrets seen at run time', () => {
  it('scrubs a remembered secret from any later line, raw or URL-encoded', () => {
    const redactor = new Redactor();
    redactor.remember('my secret/value', undefined, 'ab');
    assert.equal(redactor.redact('raw my secret/value'), `raw ${REDACTED}`);
    assert.equal(redactor.redact('url my%20secret%2Fvalue'), `url ${REDACTED}`);
    assert.equal(redactor.redact('ab stays'), 'ab stays');
  });

  it('scrubs a remembered secret in the shapes it is sent in: form-encoded and JSON-escaped', () => {
    const secret = 'pa ss"wo!rd';
    const redactor = new Redactor();
    redactor.remember(secret);
    const form = new URLSearchParams({ secret }).toString().slice('secret='.length);
    const json = JSON.stringify(secret).slice(1, -1);
    assert.equal(redactor.redact(`form ${form}`), `form ${REDACTED}`);
    assert.equal(redactor.redact(`json ${json}`), `json ${REDACTED}`);
  });

  it('also applies the credential shapes', () => {
    assert.equal(new Redactor().redact('Bearer abcdef'), `Bearer ${REDACTED}`);
  });
});
