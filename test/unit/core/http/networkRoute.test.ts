import * as assert from 'node:assert/strict';
import { describeRoute, proxyOf } from '../../../../src/core/http/networkRoute';

describe('networkRoute: the route the editor chose, named without credentials', () => {
  it('names a direct route, and says when nothing routes (outside VS Code)', () => {
    assert.equal(describeRoute('DIRECT'), 'direct');
    assert.equal(describeRoute(undefined), 'direct (no proxy support outside VS Code)');
    assert.equal(proxyOf('DIRECT'), undefined);
  });

  it('names an HTTP proxy by host and port only, whatever credentials and path the URL carried', () => {
    assert.deepEqual(proxyOf('PROXY alice:s3cret@proxy.corp:3128/'), { type: 'PROXY', address: 'proxy.corp:3128' });
    assert.equal(describeRoute('PROXY alice:p@ss@word@10.0.0.1:8080'), 'through the proxy 10.0.0.1:8080');
    assert.equal(describeRoute('HTTPS proxy.corp:443'), 'through the proxy proxy.corp:443');
  });

  it('takes the first entry of a PAC answer, and names a SOCKS proxy as one', () => {
    assert.equal(describeRoute('SOCKS5 127.0.0.1:1080; DIRECT'), 'through the SOCKS proxy 127.0.0.1:1080');
    assert.equal(describeRoute('DIRECT; PROXY proxy.corp:3128'), 'direct');
  });
});
