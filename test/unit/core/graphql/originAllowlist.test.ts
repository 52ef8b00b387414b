import assert from 'node:assert/strict';
import { DEFAULT_ALLOWED_API_ORIGINS, allowedOriginsFor, checkTokenDestination, normaliseOrigins } from '../../../../src/core/graphql/originAllowlist';

describe('origin allowlist: origins are compared as scheme://host[:port]', () => {
  it('normalises case, default ports, paths and trailing slashes, and drops duplicates', () => {
    assert.deepEqual(normaliseOrigins(['https://API.pipefy.com:443/', 'https://api.pipefy.com/graphql', ' http://127.0.0.1:4010 ']), [
      'https://api.pipefy.com',
      'http://127.0.0.1:4010',
    ]);
  });

  it('drops entries that are not http(s) URLs, so a typo allows nothing', () => {
    assert.deepEqual(normaliseOrigins(['api.pipefy.com', '', 'ftp://api.pipefy.com', '*']), []);
  });

  it('allows the account\'s own GraphQL origin plus the configured ones', () => {
    assert.deepEqual(allowedOriginsFor('https://tenant.example.com/graphql', DEFAULT_ALLOWED_API_ORIGINS), [
      'https://tenant.example.com',
      'https://api.pipefy.com',
      'https://app.pipefy.com',
    ]);
  });
});

describe('origin allowlist: the token goes only to allowed origins', () => {
  const allowed = ['https://api.pipefy.com', 'http://127.0.0.1:4010'];

  it('lets the token go to an allowed origin, whatever the path', () => {
    assert.equal(checkTokenDestination('https://api.pipefy.com/graphql', allowed), undefined);
    assert.equal(checkTokenDestination('https://api.pipefy.com/other/path?x=1', allowed), undefined);
    assert.equal(checkTokenDestination('http://127.0.0.1:4010/graphql', allowed), undefined);
  });

  for (const url of ['https://evil.example/graphql', 'https://api.pipefy.com.evil.example/graphql', 'https://api.pipefy.com:8443/graphql', 'http://127.0.0.1:4011/graphql']) {
    it(`refuses ${url} and says how to allow it`, () => {
      const message = checkTokenDestination(url, allowed) ?? '';
      assert.match(message, /^The token is not sent to .+: it is not an allowed origin\./);
      assert.match(message, /pipefy\.allowedApiOrigins/);
    });
  }

  it('refuses http:// to a non-loopback host even when that origin is listed', () => {
    assert.match(checkTokenDestination('http://api.pipefy.com/graphql', ['http://api.pipefy.com']) ?? '', /not a loopback address/);
  });

  it('refuses a malformed URL with a message, not an exception', () => {
    assert.match(checkTokenDestination('not a url', allowed) ?? '', /is not a valid URL/);
  });
});
