import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../fixtures/sandbox';
import { productExtension } from './extensions';

interface AccountRef {
  id: string;
  label: string;
}

interface TokenInfo {
  accountId: string;
  label: string;
  obtainedAt: number;
  expiresAt?: number;
}

const run = <T>(command: string, args?: unknown) => vscode.commands.executeCommand<T>(command, args) as Promise<T>;

/**
 * The account and token commands with argument objects, inside the real extension host, as a
 * keybinding, a task or another extension would call them: no prompts, results returned, bad
 * arguments refused with nothing saved, and never a token in what comes back.
 */
describe('Account and token commands with arguments', () => {
  // Two secrets for one client: the edit tests change the secret without locking the account out.
  const client = { clientId: 'integration-client', secrets: ['integration-secret-one', 'integration-secret-two'] };
  let sandbox: Sandbox;
  const added: string[] = [];

  /** The token the sandbox is handing this client now: the same one the extension holds while it is valid. */
  async function currentToken(): Promise<string> {
    const response = await fetch(sandbox.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secrets[0] }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function add(label: string, extra: Record<string, unknown> = {}): Promise<AccountRef> {
    const ref = await run<AccountRef>('pipefy.addAccount', {
      label,
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      clientId: client.clientId,
      clientSecret: client.secrets[0],
      ...extra,
    });
    added.push(ref.id);
    return ref;
  }

  /** Whether an account with this label exists, asked through a command that changes nothing when it does not. */
  async function exists(label: string): Promise<boolean> {
    try {
      await run('pipefy.clearToken', { label });
      return true;
    } catch (error) {
      if (/No service account is labelled/.test((error as Error).message)) return false;
      throw error;
    }
  }

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox({ clients: client.secrets.map((clientSecret) => ({ clientId: client.clientId, clientSecret })) });
  });

  after(async () => {
    for (const accountId of added) await run('pipefy.removeAccount', { accountId, confirm: false }).catch(() => undefined);
    await sandbox?.close();
  });

  it('adds an account and returns its id and label, without prompting', async () => {
    const ref = await add('int-first', { authMode: 'json', description: 'integration' });
    assert.deepEqual(Object.keys(ref).sort(), ['id', 'label']);
    assert.equal(ref.label, 'int-first');
    assert.match(ref.id, /^[0-9a-f-]{36}$/);
    assert.equal(await exists('int-first'), true);
  });

  it('Get Token and Refresh Token return when the token was obtained and when it expires, never the token', async () => {
    const posts = sandbox.stats.tokenPosts;
    const info = await run<TokenInfo>('pipefy.getToken', { label: 'int-first' });
    assert.deepEqual(Object.keys(info).sort(), ['accountId', 'expiresAt', 'label', 'obtainedAt']);
    assert.equal(info.label, 'int-first');
    assert.ok(info.expiresAt !== undefined && info.expiresAt > Date.now() && info.expiresAt > info.obtainedAt);
    const token = await currentToken();
    assert.equal(JSON.stringify(info).includes(token), false);

    // A valid token is reused: no request.
    const postsAfterGet = sandbox.stats.tokenPosts;
    const again = await run<TokenInfo>('pipefy.getToken', { accountId: info.accountId });
    assert.equal(sandbox.stats.tokenPosts, postsAfterGet);
    assert.equal(again.obtainedAt, info.obtainedAt);

    // Refresh always asks the endpoint.
    const refreshed = await run<TokenInfo>('pipefy.refreshToken', { label: 'int-first' });
    assert.equal(sandbox.stats.tokenPosts, postsAfterGet + 1);
    assert.equal(JSON.stringify(refreshed).includes(token), false);
    assert.ok(posts <= postsAfterGet);
  });

  it('editing the secret drops the cached token; editing the description keeps it', async () => {
    await run('pipefy.getToken', { label: 'int-first' });
    const posts = sandbox.stats.tokenPosts;

    const described = await run<{ tokenCleared: boolean }>('pipefy.editAccount', { label: 'int-first', changes: { description: 'edited' } });
    assert.equal(described.tokenCleared, false);
    await run('pipefy.getToken', { label: 'int-first' });
    assert.equal(sandbox.stats.tokenPosts, posts, 'the token survived a description change');

    const rotated = await run<{ tokenCleared: boolean }>('pipefy.editAccount', { label: 'int-first', changes: { clientSecret: client.secrets[1] } });
    assert.equal(rotated.tokenCleared, true);
    await run('pipefy.getToken', { label: 'int-first' });
    assert.equal(sandbox.stats.tokenPosts, posts + 1, 'a new token was requested with the new secret');
    const lastPost = sandbox.requests.filter((request) => request.path === '/oauth/token').at(-1);
    assert.match(lastPost?.body ?? '', new RegExp(client.secrets[1]));
  });

  it('switches the active account, which commands without a selector then use', async () => {
    const second = await add('int-second');
    // A new account becomes the active one.
    assert.equal((await run<TokenInfo>('pipefy.getToken', {})).accountId, second.id);
    const switched = await run<AccountRef>('pipefy.switchAccount', { label: 'int-first' });
    assert.equal(switched.label, 'int-first');
    assert.equal((await run<TokenInfo>('pipefy.getToken', {})).label, 'int-first');
    await assert.rejects(run('pipefy.switchAccount', { label: 'no-such-account' }), /No service account is labelled "no-such-account"/);
    await assert.rejects(run('pipefy.switchAccount', {}), /Pass "accountId" or "label"/);
  });

  it('Clear Token drops the token: the next Get Token asks the endpoint again', async () => {
    await run('pipefy.getToken', { label: 'int-first' });
    const cleared = await run<{ cleared: boolean; label: string }>('pipefy.clearToken', { label: 'int-first' });
    assert.deepEqual(cleared.cleared, true);
    const posts = sandbox.stats.tokenPosts;
    await run('pipefy.getToken', { label: 'int-first' });
    assert.equal(sandbox.stats.tokenPosts, posts + 1);
  });

  it('removes an account without a prompt when confirm is false', async () => {
    const removed = await run<{ removed: boolean; label: string }>('pipefy.removeAccount', { label: 'int-second', confirm: false });
    assert.equal(removed.removed, true);
    assert.equal(await exists('int-second'), false);
    await assert.rejects(run('pipefy.getToken', { label: 'int-second' }), /No service account is labelled/);
    assert.equal(await exists('int-first'), true);
  });

  describe('refuses bad arguments and saves nothing', () => {
    const base = () => ({ tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, clientId: client.clientId, clientSecret: client.secrets[0] });
    const cases: Array<[string, () => Record<string, unknown>, RegExp]> = [
      ['a label over 20 characters', () => ({ ...base(), label: 'bad-label-of-21-chars' }), /21 characters; the limit is 20/],
      ['an empty client secret', () => ({ ...base(), label: 'bad-secret', clientSecret: '' }), /client secret is empty/],
      ['an http:// token endpoint off loopback', () => ({ ...base(), label: 'bad-http', tokenEndpoint: 'http://example.com/oauth/token' }), /not a loopback address/],
      ['an invalid URL', () => ({ ...base(), label: 'bad-url', tokenEndpoint: 'not a url' }), /is not a valid URL/],
      ['an unknown auth mode', () => ({ ...base(), label: 'bad-mode', authMode: 'private_key_jwt' }), /authMode/],
      ['a misspelt argument', () => ({ ...base(), label: 'bad-key', clientSecrt: 'x' }), /Unknown arguments: "clientSecrt"/],
      ['a number where a string belongs', () => ({ ...base(), label: 'bad-type', clientId: 42 }), /"clientId" must be a string/],
      ['a lifetime hint under 5 minutes', () => ({ ...base(), label: 'bad-lifetime', lifetimeHintSeconds: 60 }), /between 5 minutes and 30 days/],
      ['a description over 140 characters', () => ({ ...base(), label: 'bad-description', description: 'x'.repeat(141) }), /141 characters; the limit is 140/],
    ];
    for (const [name, args, expected] of cases) {
      it(name, async () => {
        const given = args();
        await assert.rejects(run('pipefy.addAccount', given), (error: Error) => {
          assert.match(error.message, expected);
          return true;
        });
        assert.equal(await exists(String(given.label)), false, `"${String(given.label)}" must not have been saved`);
      });
    }

    it('a label that is already taken (case-insensitively)', async () => {
      await assert.rejects(add('INT-FIRST'), /already exists/);
    });

    it('Edit with a bad change keeps the account as it was', async () => {
      await assert.rejects(run('pipefy.editAccount', { label: 'int-first', changes: { tokenEndpoint: 'http://example.com/token' } }), /not a loopback address/);
      await assert.rejects(run('pipefy.editAccount', { label: 'int-first', changes: { clientSecrt: 'x' } }), /Unknown fields in "changes"/);
      // Still there, still working with its stored secret and endpoint.
      const info = await run<TokenInfo>('pipefy.getToken', { label: 'int-first' });
      assert.equal(info.label, 'int-first');
    });
  });
});
