import * as assert from 'node:assert/strict';
import dns from 'node:dns';
import * as http from 'node:http';
// The modules themselves (not namespace copies), so the patch is what the adapter's `https` sees.
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as tls from 'node:tls';
import { createHttpPatch, createProxyResolver, LogLevel, type ProxyAgentParams } from '@vscode/proxy-agent';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { type HttpPostRequest, TransportFailure } from '../../../../src/core/http/httpPost';
import { describeRoute } from '../../../../src/core/http/networkRoute';
import { describeTransportFailure } from '../../../../src/core/http/transport';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../../../fixtures/sandbox';
import { testPki } from '../../../fixtures/tls/testCertificates';

/**
 * The adapter under VS Code's own proxy support: `@vscode/proxy-agent` (the version code-server
 * 4.100.3 ships) patches `https.request` here as the extension host patches it for extensions,
 * and the npm `proxy` package plays the company proxy. The proxy resolves Pipefy's name itself
 * (the test points that one name at the loopback sandbox), so nothing leaves the machine.
 */
describe('axiosPost through the editor\'s proxy support (@vscode/proxy-agent and a real CONNECT proxy)', function () {
  this.timeout(20_000);
  const pki = testPki();
  let sandbox: Sandbox;
  let proxyUrl: string;
  let authProxyUrl: string;
  let refusingProxyUrl: string;
  const servers: http.Server[] = [];
  const connects: string[] = [];
  let configuredProxy: string | undefined;
  const originalRequest = https.request;
  const originalGet = https.get;
  const originalLookup = dns.lookup;

  const tokenUrl = () => `https://app.pipefy.com:${new URL(sandbox.url).port}/oauth/token`;
  const tokenPost = (overrides: Partial<HttpPostRequest> = {}): HttpPostRequest => ({
    url: tokenUrl(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }).toString(),
    timeoutMs: 10_000,
    maxResponseBytes: 1024 * 1024,
    ca: [...tls.rootCertificates, pki.caPem],
    ...overrides,
  });
  const tokenPostsSeen = () => sandbox.requests.filter((request) => request.path === '/oauth/token').length;

  const sockets = new Set<Socket>();
  async function listen(server: http.Server): Promise<string> {
    servers.push(server);
    server.on('connection', (socket: Socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  before(async () => {
    // The `proxy` package is an ES module.
    const { createProxy } = await import('proxy');
    sandbox = await startSandbox({ tls: { cert: pki.pipefy.certPem, key: pki.pipefy.keyPem } });
    // The proxy's own name lookup: Pipefy's hosts are the sandbox here.
    const lookup = ((hostname: string, ...rest: unknown[]) =>
      (originalLookup as (...args: unknown[]) => void)(hostname.endsWith('.pipefy.com') ? '127.0.0.1' : hostname, ...rest)) as typeof dns.lookup;
    (dns as { lookup: typeof dns.lookup }).lookup = lookup;

    const open = createProxy(http.createServer());
    open.on('connect', (request: http.IncomingMessage) => connects.push(String(request.url)));
    proxyUrl = await listen(open);
    const guarded = createProxy(http.createServer());
    guarded.authenticate = (request) => request.headers['proxy-authorization'] === `Basic ${Buffer.from('alice:s3cret-proxy-pass').toString('base64')}`;
    authProxyUrl = await listen(guarded);
    const refusing = http.createServer().on('connect', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'));
    refusingProxyUrl = await listen(refusing);

    const params: ProxyAgentParams = {
      resolveProxy: async () => undefined,
      getProxyURL: () => configuredProxy,
      getProxySupport: () => 'override',
      getNoProxyConfig: () => [],
      isAdditionalFetchSupportEnabled: () => false,
      addCertificatesV1: () => false,
      addCertificatesV2: () => false,
      loadAdditionalCertificates: async () => [],
      log: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
      getLogLevel: () => LogLevel.Off,
      proxyResolveTelemetry: () => undefined,
      isUseHostProxyEnabled: () => false,
      env: {},
    };
    const { resolveProxyWithRequest } = createProxyResolver(params);
    // The resolver starts a 10-minute telemetry timer on its first call, which would hold the test
    // process that long after the run; the extension host lives longer anyway.
    const resolveWithoutHolding: typeof resolveProxyWithRequest = (...args) => {
      const setTimer = globalThis.setTimeout;
      globalThis.setTimeout = ((...timerArgs: Parameters<typeof setTimeout>) => setTimer(...timerArgs).unref()) as typeof setTimeout;
      try {
        return resolveProxyWithRequest(...args);
      } finally {
        globalThis.setTimeout = setTimer;
      }
    };
    const patch = createHttpPatch(params, https, resolveWithoutHolding);
    Object.assign(https, { request: patch.request, get: patch.get });
  });

  after(async () => {
    Object.assign(https, { request: originalRequest, get: originalGet });
    (dns as { lookup: typeof dns.lookup }).lookup = originalLookup;
    for (const server of servers) server.close();
    // A CONNECT tunnel leaves the server's books once upgraded; an open one would hold the process.
    for (const socket of sockets) socket.destroy();
    await sandbox.close();
  });

  beforeEach(() => {
    sandbox.reset();
    connects.length = 0;
  });

  it('tunnels the token POST through the proxy from http.proxy and says so', async () => {
    configuredProxy = proxyUrl;
    const response = await axiosPost(tokenPost());
    assert.equal(response.status, 200);
    assert.equal(response.route, `PROXY ${new URL(proxyUrl).host}`);
    assert.equal(describeRoute(response.route), `through the proxy ${new URL(proxyUrl).host}`);
    assert.deepEqual(connects, [`app.pipefy.com:${new URL(sandbox.url).port}`]);
  });

  it('refuses a server no trusted CA vouches for before the secret is sent, and names the cause and the cure', async () => {
    configuredProxy = proxyUrl;
    const failure = await axiosPost(tokenPost({ ca: undefined })).then(() => undefined, (error: unknown) => error);
    assert.ok(failure instanceof TransportFailure);
    assert.equal(failure.kind, 'tls');
    assert.equal(failure.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(tokenPostsSeen(), 0, 'the sandbox received no token request');
    const said = describeTransportFailure(failure, tokenUrl(), 10_000, 'pipefy.tokenRequestTimeoutSeconds');
    assert.match(said.message, /app\.pipefy\.com:\d+ through the proxy 127\.0\.0\.1:\d+ failed \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): its certificate is not signed by a CA this editor trusts/);
    assert.match(said.hint, /pipefy\.caCertificatesFile.*NODE_EXTRA_CA_CERTS.*http\.systemCertificates/);
  });

  it('reports a 407 as the proxy asking for credentials, never as the token endpoint refusing the secret', async () => {
    configuredProxy = authProxyUrl;
    const failure = await axiosPost(tokenPost()).then(() => undefined, (error: unknown) => error);
    assert.ok(failure instanceof TransportFailure);
    assert.equal(failure.kind, 'proxy_auth');
    assert.equal(failure.code, '407');
    assert.equal(tokenPostsSeen(), 0);
    const said = describeTransportFailure(failure, tokenUrl(), 10_000, 'pipefy.tokenRequestTimeoutSeconds');
    assert.match(said.message, new RegExp(`^The proxy ${new URL(authProxyUrl).host} asks for a user name and password \\(407`));
    assert.match(said.hint, /http\.proxy.*HTTPS_PROXY/);
    assert.doesNotMatch(`${said.message} ${said.hint}`, /secret-|sandbox-client/);
  });

  it('passes with the proxy\'s credentials in http.proxy, which the route never shows', async () => {
    const withCredentials = new URL(authProxyUrl);
    withCredentials.username = 'alice';
    withCredentials.password = 's3cret-proxy-pass';
    configuredProxy = withCredentials.href;
    const response = await axiosPost(tokenPost());
    assert.equal(response.status, 200);
    assert.equal(describeRoute(response.route), `through the proxy ${new URL(authProxyUrl).host}`);
  });

  it('reports a refused CONNECT as the proxy\'s answer, not Pipefy\'s', async () => {
    configuredProxy = refusingProxyUrl;
    const failure = await axiosPost(tokenPost()).then(() => undefined, (error: unknown) => error);
    assert.ok(failure instanceof TransportFailure);
    assert.equal(failure.kind, 'proxy_refused');
    assert.equal(failure.code, '403');
    const said = describeTransportFailure(failure, tokenUrl(), 10_000, 'pipefy.tokenRequestTimeoutSeconds');
    assert.match(said.message, /^The proxy 127\.0\.0\.1:\d+ refused to connect to app\.pipefy\.com:\d+ \(403 Forbidden\)\. This is the proxy's answer/);
    assert.match(said.hint, /http\.noProxy/);
  });

  it('goes direct when no proxy is configured', async () => {
    configuredProxy = undefined;
    const response = await axiosPost(tokenPost());
    assert.equal(response.status, 200);
    assert.equal(describeRoute(response.route), 'direct');
    assert.deepEqual(connects, []);
  });
});

describe('axiosPost outside the editor', () => {
  it('never proxies by itself: HTTPS_PROXY is the editor\'s to apply, not axios\'s', async () => {
    const sandbox = await startSandbox();
    const saved = process.env.HTTPS_PROXY;
    const savedHttp = process.env.HTTP_PROXY;
    // A proxy that is not there: axios applying it would fail the request.
    process.env.HTTPS_PROXY = process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    try {
      const response = await axiosPost({
        url: sandbox.tokenEndpoint.replace('127.0.0.1', 'localhost'),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }).toString(),
        timeoutMs: 5_000,
        maxResponseBytes: 1024 * 1024,
      });
      assert.equal(response.status, 200);
      assert.equal(response.route, undefined);
      assert.equal(describeRoute(response.route), 'direct (no proxy support outside VS Code)');
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
      if (savedHttp === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = savedHttp;
      await sandbox.close();
    }
  });
});
