import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import { squidAvailable, startSquid, type RunningSquid } from '../fixtures/proxies/squid';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { testPki, type TestPki } from '../fixtures/tls/testCertificates';

// Plain node:http, node:tls and node:https on purpose: the proxy and the sandbox are checked on
// their own, step by step (CONNECT, then TLS, then HTTP), not through the client they serve.

const TOKEN_FORM = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }).toString();
// 127.0.0.2, not 127.0.0.1: a request that skipped the proxy and its hosts file could not find the sandbox.
const SANDBOX_ADDRESS = '127.0.0.2';
const SQUID_MISSING = squidAvailable() ? '' : ' (skipped: /usr/sbin/squid is not installed; apt-get install squid apache2-utils)';

interface Tunnel {
  status: number;
  /** With status 200: the tunnel, ready for TLS. */
  socket?: Socket;
  proxyAuthenticate?: string;
}

/** Asks the proxy for a tunnel to `target` (host:port) and says how it answered. */
function connectThrough(proxyUrl: string, target: string, headers: Record<string, string> = {}): Promise<Tunnel> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ method: 'CONNECT', host: proxy.hostname, port: Number(proxy.port), path: target, headers: { Host: target, ...headers }, agent: false });
    // Node hands every answer to a CONNECT to 'connect', whatever its status.
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) return resolve({ status: 200, socket });
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, proxyAuthenticate: response.headers['proxy-authenticate'] });
    });
    request.once('error', reject);
    request.end();
  });
}

/** POSTs the demo client's token request over TLS inside the tunnel, trusting the company CA only. */
function postTokenInside(socket: Socket, ca: string, host: string, port: number): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        method: 'POST',
        host,
        port,
        path: '/oauth/token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        // No agent: only then does node:https use createConnection, and look nothing up itself.
        createConnection: () => tls.connect({ socket, servername: host, ca }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(TOKEN_FORM);
  });
}

function basicProxyAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

(SQUID_MISSING ? describe.skip : describe)(`through Debian's Squid as a CONNECT proxy${SQUID_MISSING}`, function () {
  // Squid takes about 2 s to stop, in fixed one-second steps, on top of its start.
  this.timeout(30_000);

  let pki: TestPki;
  let sandbox: Sandbox;
  let squid: RunningSquid;
  let sandboxPort: number;

  before(async () => {
    pki = testPki();
    sandbox = await startSandbox({ host: SANDBOX_ADDRESS, tls: { cert: pki.pipefy.certPem, key: pki.pipefy.keyPem } });
    sandboxPort = Number(new URL(sandbox.url).port);
    squid = await startSquid({ hosts: { 'app.pipefy.com': SANDBOX_ADDRESS, 'api.pipefy.com': SANDBOX_ADDRESS }, refusedHost: 'api.pipefy.com' });
  });

  after(async () => {
    await squid?.stop();
    await sandbox?.close();
  });

  /** Polls Squid's access log, which gets a tunnel's line only once the tunnel has closed. */
  async function loggedLine(pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const line = squid.accessLog().split('\n').find((entry) => pattern.test(entry));
      if (line) return line;
      if (Date.now() > deadline) assert.fail(`No access log line matches ${pattern}. The log:\n${squid.accessLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function tokenThrough(tunnel: Tunnel, host = 'app.pipefy.com'): Promise<void> {
    assert.equal(tunnel.status, 200);
    assert.ok(tunnel.socket);
    const answer = await postTokenInside(tunnel.socket, pki.caPem, host, sandboxPort);
    assert.equal(answer.status, 200);
    assert.equal(typeof answer.json.access_token, 'string');
  }

  it('tunnels to app.pipefy.com on the open port, where the sandbox answers a token POST', async () => {
    const posts = sandbox.stats.tokenPosts;

    await tokenThrough(await connectThrough(squid.openUrl, `app.pipefy.com:${sandboxPort}`));

    assert.equal(sandbox.stats.tokenPosts, posts + 1);
    assert.match(await loggedLine(new RegExp(`CONNECT app\\.pipefy\\.com:${sandboxPort} `)), /TCP_TUNNEL\/200 .* HIER_DIRECT\/127\.0\.0\.2 /);
  });

  it('answers 407 on the authenticated port without credentials, and tunnels with them', async () => {
    const refused = await connectThrough(squid.authUrl, `app.pipefy.com:${sandboxPort}`);
    assert.equal(refused.status, 407);
    assert.match(refused.proxyAuthenticate ?? '', /^Basic realm=/);

    const wrongPassword = await connectThrough(squid.authUrl, `app.pipefy.com:${sandboxPort}`, { 'Proxy-Authorization': basicProxyAuthorization(squid.credentials.user, 'not-the-password') });
    assert.equal(wrongPassword.status, 407);

    const { user, password } = squid.credentials;
    await tokenThrough(await connectThrough(squid.authUrl, `app.pipefy.com:${sandboxPort}`, { 'Proxy-Authorization': basicProxyAuthorization(user, password) }));

    assert.match(await loggedLine(new RegExp(`TCP_TUNNEL/200 .*CONNECT app\\.pipefy\\.com:${sandboxPort} ${user} `)), /HIER_DIRECT/);
  });

  it('answers 403 on the refusing port to api.pipefy.com, and lets app.pipefy.com through', async () => {
    const refused = await connectThrough(squid.refusingUrl, `api.pipefy.com:${sandboxPort}`);
    assert.equal(refused.status, 403);

    await tokenThrough(await connectThrough(squid.refusingUrl, `app.pipefy.com:${sandboxPort}`));

    assert.match(await loggedLine(new RegExp(`CONNECT api\\.pipefy\\.com:${sandboxPort} `)), /TCP_DENIED\/403 /);
  });

  it('refuses, inside the tunnel, a certificate for another name, as a client checking names must', async () => {
    const wrongNameSandbox = await startSandbox({ host: SANDBOX_ADDRESS, tls: { cert: pki.wrongName.certPem, key: pki.wrongName.keyPem } });
    try {
      const port = Number(new URL(wrongNameSandbox.url).port);
      const tunnel = await connectThrough(squid.openUrl, `app.pipefy.com:${port}`);
      assert.equal(tunnel.status, 200);
      assert.ok(tunnel.socket);

      await assert.rejects(postTokenInside(tunnel.socket, pki.caPem, 'app.pipefy.com', port), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
      assert.equal(wrongNameSandbox.stats.tokenPosts, 0);
    } finally {
      await wrongNameSandbox.close();
    }
  });
});
