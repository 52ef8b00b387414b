import assert from 'node:assert/strict';
import { basicEncodingsToTry, buildTokenRequest } from '../../../../src/core/oauth/clientAuthentication';

const credentials = { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' };

/** How a server reads a Basic header under RFC 6749 §2.3.1: base64, split at the colon, form-decode each side. */
function decodeBasic(header: string): { id: string; secret: string; joined: string } {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header);
  assert.ok(match, `a Basic header: ${header}`);
  const joined = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = joined.indexOf(':');
  const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  return { id: formDecode(joined.slice(0, colon)), secret: formDecode(joined.slice(colon + 1)), joined };
}

describe('client authentication: form body (client_secret_post, the default)', () => {
  it('sends the three fields as a form and nothing in the headers', () => {
    const { headers, body } = buildTokenRequest('form', credentials);
    assert.deepEqual(headers, { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(body, 'grant_type=client_credentials&client_id=sandbox-client-id&client_secret=sandbox-client-secret');
  });

  it('form-encodes special characters so the server reads back the same secret', () => {
    const secret = 'a b&c=d+e%f:g/h?i#j€';
    const { body } = buildTokenRequest('form', { clientId: 'id', clientSecret: secret });
    assert.equal(new URLSearchParams(body).get('client_secret'), secret);
    assert.equal([...new URLSearchParams(body).keys()].length, 3);
  });
});

describe('client authentication: JSON body', () => {
  it('sends the three fields as a JSON object and nothing in the headers', () => {
    const { headers, body } = buildTokenRequest('json', credentials);
    assert.deepEqual(headers, { Accept: 'application/json', 'Content-Type': 'application/json' });
    assert.equal(body, '{"grant_type":"client_credentials","client_id":"sandbox-client-id","client_secret":"sandbox-client-secret"}');
  });

  it('escapes quotes and backslashes so the server reads back the same secret', () => {
    const secret = 'quote" backslash\\ newline\n';
    const { body } = buildTokenRequest('json', { clientId: 'id', clientSecret: secret });
    assert.deepEqual(JSON.parse(body), { grant_type: 'client_credentials', client_id: 'id', client_secret: secret });
  });
});

describe('client authentication: HTTP Basic (client_secret_basic)', () => {
  it('puts the credentials in the Authorization header and only the grant type in the body', () => {
    const { headers, body } = buildTokenRequest('basic', credentials);
    assert.deepEqual(headers, {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64')}`,
    });
    assert.equal(body, 'grant_type=client_credentials');
  });

  it('form-encodes each part before joining (RFC 6749 §2.3.1), so a colon in the ID cannot move the split', () => {
    const clientId = 'tenant:client id';
    const clientSecret = 's:e c+r%e&t=/€';
    const { headers } = buildTokenRequest('basic', { clientId, clientSecret }, 'form-encoded');
    const decoded = decodeBasic(headers.Authorization);
    assert.equal(decoded.joined.split(':').length, 2, 'exactly one unencoded colon, the separator');
    assert.equal(decoded.id, clientId);
    assert.equal(decoded.secret, clientSecret);
  });

  it('encodes a space as + and the reserved characters as %XX', () => {
    const { headers } = buildTokenRequest('basic', { clientId: 'a b', clientSecret: ':+%&=' }, 'form-encoded');
    assert.equal(decodeBasic(headers.Authorization).joined, 'a+b:%3A%2B%25%26%3D');
  });

  it('sends the parts as they are by default, as Pipefy\'s own SDK does and Doorkeeper reads them', () => {
    const { headers } = buildTokenRequest('basic', { clientId: 'a b', clientSecret: ':+%&=' });
    assert.equal(headers.Authorization, `Basic ${Buffer.from('a b::+%&=').toString('base64')}`);
  });

  it('tries the second encoding only when it differs, and never sends an ID with a colon as-is', () => {
    assert.deepEqual(basicEncodingsToTry(credentials), ['as-is']);
    assert.deepEqual(basicEncodingsToTry({ clientId: 'id', clientSecret: 'a+b/c=d%e:f' }), ['as-is', 'form-encoded']);
    assert.deepEqual(basicEncodingsToTry({ clientId: 'id one', clientSecret: 'plain' }), ['as-is', 'form-encoded']);
    assert.deepEqual(basicEncodingsToTry({ clientId: 'tenant:client', clientSecret: 'plain' }), ['form-encoded']);
  });
});

describe('client authentication: the secret never goes in the URL', () => {
  it('returns no URL or query part at all, in any mode', () => {
    for (const mode of ['form', 'json', 'basic'] as const) {
      const parts = buildTokenRequest(mode, credentials);
      assert.deepEqual(Object.keys(parts).sort(), ['body', 'headers']);
    }
  });
});
