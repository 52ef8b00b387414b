import { strict as assert } from 'node:assert';
import * as https from 'node:https';
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { testPki, type TestPki } from '../fixtures/tls/testCertificates';

// Plain node:https and fetch on purpose: the sandbox is checked on its own, not through the client it serves.

const TOKEN_FORM = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }).toString();
const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' };
// Node's timers count from the loop's clock, read in whole milliseconds at the start of a turn, so
// a delay may end up to 1 ms before the exact time a stopwatch started earlier would show.
const TIMER_GRAIN_MS = 1;

interface HttpsAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** POSTs over HTTPS to the sandbox's address, checking its certificate as issued to `servername`. */
function httpsPost(url: string, body: string, headers: Record<string, string>, tls: { ca?: string; servername: string }): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    // agent: false, so no pooled connection carries one test's trust decision into the next.
    const request = https.request(url, { method: 'POST', headers, agent: false, ...tls }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function postToken(sandbox: Sandbox): Promise<Response> {
  return fetch(sandbox.tokenEndpoint, { method: 'POST', headers: FORM_HEADERS, body: TOKEN_FORM });
}

async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

describe('sandbox network path', () => {
  let sandbox: Sandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  describe('HTTPS', () => {
    let pki: TestPki;

    before(() => {
      pki = testPki();
    });

    async function startTlsSandbox(): Promise<Sandbox> {
      sandbox = await startSandbox({ tls: { cert: pki.pipefy.certPem, key: pki.pipefy.keyPem }, secondOrigin: true });
      return sandbox;
    }

    it('answers a token POST over HTTPS when the client trusts the company CA', async () => {
      const tlsSandbox = await startTlsSandbox();
      assert.match(tlsSandbox.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(tlsSandbox.tokenEndpoint, `${tlsSandbox.url}/oauth/token`);

      const answer = await httpsPost(tlsSandbox.tokenEndpoint, TOKEN_FORM, FORM_HEADERS, { ca: pki.caPem, servername: 'app.pipefy.com' });

      assert.equal(answer.status, 200);
      assert.equal(answer.json.token_type, 'Bearer');
      assert.equal(typeof answer.json.access_token, 'string');
    });

    it('serves its second origin over HTTPS too, with the same tokens', async () => {
      const tlsSandbox = await startTlsSandbox();
      const token = (await httpsPost(tlsSandbox.tokenEndpoint, TOKEN_FORM, FORM_HEADERS, { ca: pki.caPem, servername: 'app.pipefy.com' })).json.access_token as string;
      assert.match(tlsSandbox.secondGraphqlEndpoint ?? '', /^https:\/\/127\.0\.0\.1:\d+\/graphql$/);

      const answer = await httpsPost(tlsSandbox.secondGraphqlEndpoint ?? '', JSON.stringify({ query: '{ me { id } }' }), { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, { ca: pki.caPem, servername: 'api.pipefy.com' });

      assert.equal(answer.status, 200);
      assert.equal(answer.json.errors, undefined);
    });

    it('is refused by a client that does not trust the company CA, and goes on serving those that do', async () => {
      const tlsSandbox = await startTlsSandbox();

      await assert.rejects(httpsPost(tlsSandbox.tokenEndpoint, TOKEN_FORM, FORM_HEADERS, { servername: 'app.pipefy.com' }), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });

      assert.equal(tlsSandbox.stats.tokenPosts, 0);
      assert.equal((await httpsPost(tlsSandbox.tokenEndpoint, TOKEN_FORM, FORM_HEADERS, { ca: pki.caPem, servername: 'app.pipefy.com' })).status, 200);
    });

    // As a proxy tunnel that is opened and never used leaves it: without care, close() waits out
    // the 120 s handshake timeout.
    it('closes at once even with a connection that never began its TLS handshake', async () => {
      const tlsSandbox = await startTlsSandbox();
      const idle = net.connect(Number(new URL(tlsSandbox.url).port), '127.0.0.1');
      const idleClosed = new Promise((resolve) => idle.once('close', resolve));
      idle.on('error', () => undefined);
      await new Promise((resolve) => idle.once('connect', resolve));

      await tlsSandbox.close();

      await idleClosed;
    });
  });

  describe('latency', () => {
    const LATENCY_MS = 200;

    it('holds every token and GraphQL request for latencyMs', async () => {
      sandbox = await startSandbox({ latencyMs: LATENCY_MS });
      let token = '';
      const tokenMs = await elapsedMs(async () => {
        token = ((await (await postToken(sandbox as Sandbox)).json()) as { access_token: string }).access_token;
      });
      const graphqlMs = await elapsedMs(async () => {
        const response = await fetch((sandbox as Sandbox).graphqlEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { id } }' }) });
        assert.equal(response.status, 200);
      });

      assert.ok(tokenMs >= LATENCY_MS - TIMER_GRAIN_MS, `the token POST took ${tokenMs.toFixed(1)} ms`);
      assert.ok(graphqlMs >= LATENCY_MS - TIMER_GRAIN_MS, `the GraphQL POST took ${graphqlMs.toFixed(1)} ms`);
    });

    it('is set over the control route, which refuses a delay that is not a whole number from 0 to 60000', async () => {
      sandbox = await startSandbox();
      const control = (ms: unknown) => fetch(`${(sandbox as Sandbox).url}/__sandbox/latency`, { method: 'POST', body: JSON.stringify({ ms }) });
      assert.equal((await control(-1)).status, 400);
      assert.equal((await control(1.5)).status, 400);
      assert.equal((await control(60_001)).status, 400);

      assert.equal((await control(LATENCY_MS)).status, 200);
      const tokenMs = await elapsedMs(() => postToken(sandbox as Sandbox));

      assert.ok(tokenMs >= LATENCY_MS - TIMER_GRAIN_MS, `the token POST took ${tokenMs.toFixed(1)} ms`);
    });

    // Told by order, not by a stopwatch: a request sent after setLatency(0) is answered while one
    // sent before it is still held, so no upper bound on a noisy machine's timing is needed.
    it('setLatency(0) removes it for later requests, and close() drops a request still held', async () => {
      const running = await startSandbox();
      sandbox = running;
      running.setLatency(60_000);
      let heldSettled = false;
      const held = postToken(running).finally(() => {
        heldSettled = true;
      });
      held.catch(() => undefined);
      while (running.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      running.setLatency(0);
      const prompt = await postToken(running);

      assert.equal(prompt.status, 200);
      assert.equal(heldSettled, false);
      await running.close();
      await assert.rejects(held);
    });
  });
});
