import * as assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
// An ES module: loaded with import(), and its types with resolution-mode 'import'.
import type { MutableResponse, OAuth2Server } from 'oauth2-mock-server' with { 'resolution-mode': 'import' };
import type { Page } from 'playwright-core';
import { addAccountThroughPalette } from './helpers/accounts';
import { runCommand } from './helpers/commandPalette';
import { rememberCanary, uniqueSecret } from './helpers/leakCanaries';
import { waitForNotification } from './helpers/notifications';
import { TIME_LEFT, parseTimeLeft, waitForStatusBarText } from './helpers/statusBar';
import { openTryIt } from './helpers/tryIt';
import { waitUntil } from './helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from './session';

/** oauth2-mock-server issues tokens for an hour. */
const LIFETIME_SECONDS = 3600;

/**
 * The same flows against an OAuth server nobody here wrote (oauth2-mock-server from npm), which
 * issues signed JWTs: add an account for it through the palette, get a token, Send in Try It.
 */
describe('Against a third-party OAuth server (oauth2-mock-server)', () => {
  const clientId = 'third-party-e2e-client';
  const clientSecret = uniqueSecret('third-party-secret');
  let server: OAuth2Server;
  let tokenEndpoint: string;
  /** What the server saw and answered, in order. */
  const exchanges: Array<{ body: Record<string, unknown>; accessToken?: string }> = [];
  let page: Page;

  before(async () => {
    rememberCanary(clientSecret, 'the client secret of the third-party OAuth account');
    const { OAuth2Server } = await import('oauth2-mock-server');
    server = new OAuth2Server();
    await server.issuer.keys.generate('RS256');
    await server.start(0, '127.0.0.1');
    tokenEndpoint = `http://127.0.0.1:${server.address().port}/token`;
    server.service.on('beforeResponse', (response: MutableResponse, request: IncomingMessage & { body: Record<string, unknown> }) => {
      const body = typeof response.body === 'object' ? response.body : undefined;
      const accessToken = typeof body?.access_token === 'string' ? body.access_token : undefined;
      if (accessToken) rememberCanary(accessToken, 'a JWT issued by the third-party OAuth server');
      exchanges.push({ body: request.body, accessToken });
    });

    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, {
      label: 'oauth-mock',
      description: 'oauth2-mock-server from npm',
      tokenEndpoint,
      graphqlEndpoint: 'http://127.0.0.1:1/graphql',
      clientId,
      clientSecret,
      authMode: 'form',
    });
    // Add asked the server for a token before saving, and keeps it: the status bar counts it down.
    await waitForStatusBarText(page, new RegExp(`^oauth-mock ${TIME_LEFT.source}`));
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    await server?.stop();
  });

  it('Get Token: the status bar shows the account and the time left on the JWT', async () => {
    await runCommand(page, 'Pipefy: Get Token');
    await waitForNotification(page, 'token for "oauth-mock" ready');
    const shown = await waitForStatusBarText(page, TIME_LEFT);
    assert.match(shown, /^oauth-mock · /);
    const seconds = parseTimeLeft(shown) ?? 0;
    assert.ok(seconds > LIFETIME_SECONDS - 120 && seconds <= LIFETIME_SECONDS, shown);

    // One exchange in all: the check before saving; Get Token reused its token.
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0].body.grant_type, 'client_credentials');
    assert.equal(exchanges[0].body.client_id, clientId);
    assert.equal(exchanges[0].body.client_secret, clientSecret);
  });

  it('Try It: Send gets 200 with a JWT, and the countdown goes down', async () => {
    const panel = await openTryIt(page);
    await panel.selectAccount('oauth-mock');
    await panel.waitForText('request-preview', tokenEndpoint);
    const outcome = await panel.send();
    assert.match(outcome, /^200 OK/);
    assert.equal(await panel.text('response-status'), '200 OK');

    const body = await panel.responseJson();
    const accessToken = body.access_token as string;
    assert.equal(accessToken, exchanges.at(-1)?.accessToken);
    const [, payload] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
    assert.equal(typeof claims.exp, 'number', 'the access token is a JWT with an exp claim');
    assert.equal(body.expires_in, LIFETIME_SECONDS);

    const first = await panel.countdownSeconds();
    assert.ok(first !== undefined && first > LIFETIME_SECONDS - 120 && first <= LIFETIME_SECONDS, await panel.text('countdown'));
    let shown = '';
    await waitUntil(async () => {
      shown = await panel.text('countdown');
      const seconds = await panel.countdownSeconds();
      return seconds !== undefined && seconds < first ? true : undefined;
    }, () => `the countdown to go below ${first} s; it shows "${shown}"`);
    assert.equal(await panel.el('countdown').getAttribute('data-urgency'), 'ok');
    assert.match(await waitForStatusBarText(page, TIME_LEFT), /^oauth-mock · /);
  });
});
