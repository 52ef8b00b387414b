import assert from 'node:assert/strict';
import { checkEndpointUrl, isLoopbackHost, originOf } from '../../../../src/core/accounts/endpointUrl';

describe('endpoint URLs: https everywhere, plain http only on loopback', () => {
  for (const url of ['https://app.pipefy.com/oauth/token', 'https://tenant.example.com:8443/oauth/token', '  https://api.pipefy.com/graphql  ']) {
    it(`accepts ${url.trim()}`, () => {
      assert.equal(checkEndpointUrl(url), undefined);
    });
  }

  for (const url of [
    'http://127.0.0.1:4010/oauth/token',
    'http://127.0.0.2/oauth/token',
    'http://127.255.255.254/graphql',
    'http://[::1]:4010/graphql',
    'http://localhost:4010/graphql',
    'http://LOCALHOST/graphql',
    'http://sandbox.localhost/graphql',
  ]) {
    it(`accepts loopback ${url}`, () => {
      assert.equal(checkEndpointUrl(url), undefined);
    });
  }

  for (const url of [
    'http://app.pipefy.com/oauth/token',
    'http://10.0.0.1/oauth/token',
    'http://128.0.0.1/oauth/token',
    'http://127.0.0.1.example.com/oauth/token',
    'http://localhost.example.com/oauth/token',
    'http://[::2]/graphql',
  ]) {
    it(`refuses http:// to the non-loopback host of ${url}, asking for https`, () => {
      const message = checkEndpointUrl(url, 'token endpoint') ?? '';
      assert.match(message, /^The token endpoint uses http:\/\/ to .+, which is not a loopback address/);
      assert.match(message, /Use https:\/\//);
    });
  }

  it('refuses an empty value with an example of a full URL', () => {
    assert.match(checkEndpointUrl('  ', 'token endpoint') ?? '', /token endpoint is empty.*https:\/\/app\.pipefy\.com\/oauth\/token/);
  });

  it('refuses something that is not a URL and quotes it', () => {
    assert.match(checkEndpointUrl('app.pipefy.com/oauth/token', 'token endpoint') ?? '', /"app\.pipefy\.com\/oauth\/token" is not a valid URL/);
  });

  it('refuses other schemes', () => {
    assert.match(checkEndpointUrl('ftp://app.pipefy.com/token') ?? '', /must start with https:\/\/.*"ftp:" is not supported/);
  });

  it('refuses credentials inside the URL, which belong in the client fields', () => {
    assert.match(checkEndpointUrl('https://id:secret@app.pipefy.com/oauth/token') ?? '', /must not contain a user name or password/);
  });
});

describe('endpoint URLs: loopback hosts', () => {
  it('knows 127.0.0.0/8, ::1 and localhost', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'localhost.', 'api.localhost']) assert.equal(isLoopbackHost(host), true, host);
  });

  it('does not mistake look-alikes for loopback', () => {
    for (const host of ['127.0.0.1.nip.io', '0.0.0.0', '192.168.0.1', 'mylocalhost', 'localhost.evil.com', '::2']) assert.equal(isLoopbackHost(host), false, host);
  });
});

describe('endpoint URLs: the origin is what the token allowlist compares', () => {
  it('drops path, query and default port, and lowercases the host', () => {
    assert.equal(originOf('https://API.Pipefy.com:443/graphql?x=1'), 'https://api.pipefy.com');
    assert.equal(originOf('http://127.0.0.1:4010/graphql'), 'http://127.0.0.1:4010');
  });
});
