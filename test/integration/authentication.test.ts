import { axiosPost } from '../../src/core/http/axiosPost';
import * as assert from 'node:assert/strict';
import axios from 'axios';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/host/accounts/accountStore';
import { AUTH_PROVIDER_ID, PipefyAuthenticationProvider } from '../../src/host/auth/pipefyAuthenticationProvider';
import { Log } from '../../src/host/log';
import { TokenService } from '../../src/host/tokens/tokenService';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { hostRunner, productExtension } from './extensions';

type SessionsChange = vscode.AuthenticationProviderAuthenticationSessionsChangeEvent;

/** Global and workspace state for a store of this test's own, so the product's accounts are not touched. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

async function meWith(sandbox: Sandbox, accessToken: string) {
  return axios.post(sandbox.graphqlEndpoint, { query: '{ me { id name } }' }, { headers: { Authorization: `Bearer ${accessToken}` }, validateStatus: () => true });
}

/** onDidChangeSessions fires after the change it reports, asynchronously. */
async function nextChange(provider: PipefyAuthenticationProvider, action: () => Promise<unknown>, matches: (e: SessionsChange) => boolean): Promise<SessionsChange> {
  const seen: SessionsChange[] = [];
  const subscription = provider.onDidChangeSessions((e) => seen.push(e));
  try {
    await action();
    for (let tries = 0; tries < 100; tries++) {
      const match = seen.find(matches);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`no matching onDidChangeSessions; saw ${JSON.stringify(seen)}`);
  } finally {
    subscription.dispose();
  }
}

describe('Authentication provider "pipefy"', () => {
  let sandbox: Sandbox;

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  describe('as other extensions see it', () => {
    let accountId: string | undefined;

    after(async () => {
      if (accountId) await vscode.commands.executeCommand('pipefy.removeAccount', { accountId, confirm: false });
    });

    it('is registered: getSession without createIfNone resolves to no session instead of rejecting', async () => {
      assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { createIfNone: false }), undefined);
    });

    it('lists an account that holds a token, but gives its session to no caller that has not been allowed', async () => {
      const added = await vscode.commands.executeCommand<{ id: string; label: string }>('pipefy.addAccount', {
        label: 'auth-provider-it',
        tokenEndpoint: sandbox.tokenEndpoint,
        graphqlEndpoint: sandbox.graphqlEndpoint,
        ...DEMO_CLIENT,
        activate: false,
      });
      accountId = added.id;
      await vscode.commands.executeCommand('pipefy.getToken', { accountId });
      let accounts: readonly vscode.AuthenticationSessionAccountInformation[] = [];
      for (let tries = 0; tries < 50 && !accounts.some((a) => a.id === accountId); tries++) {
        accounts = await vscode.authentication.getAccounts(AUTH_PROVIDER_ID);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(accounts.filter((a) => a.id === accountId), [{ id: accountId, label: 'auth-provider-it' }]);
      // This test code has not been granted access, and without createIfNone VS Code does not ask.
      assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { createIfNone: false }), undefined);
      assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { silent: true }), undefined);
    });
  });

  /**
   * Consent is a modal dialog nobody can click from inside the extension host, so the provider's
   * own behaviour is tested directly: the real class over a real TokenService, SecretStorage and sandbox.
   */
  describe('the provider itself', () => {
    let accounts: AccountStore;
    let tokens: TokenService;
    let log: Log;
    let provider: PipefyAuthenticationProvider;
    let addAccountCalls: number;

    beforeEach(async () => {
      sandbox.reset();
      const secrets = (await hostRunner()).secrets;
      // AccountStore reads only these three members of the context.
      const context = { globalState: new MemoryMemento(), workspaceState: new MemoryMemento(), secrets } as unknown as vscode.ExtensionContext;
      log = new Log();
      accounts = new AccountStore(context);
      tokens = new TokenService(accounts, secrets, log, axiosPost);
      addAccountCalls = 0;
      provider = new PipefyAuthenticationProvider({ accounts, tokens, log, addAccount: async () => void addAccountCalls++ });
    });

    afterEach(async () => {
      for (const account of accounts.list()) {
        await tokens.clear(account.id);
        await accounts.remove(account.id);
      }
      provider.dispose();
      tokens.dispose();
      accounts.dispose();
      log.dispose();
    });

    async function addSandboxAccount(label = 'sandbox') {
      const { account } = await accounts.save({ label, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, ...DEMO_CLIENT, authMode: 'form' });
      return account;
    }

    it('has no session for an account without a token, and asks the token endpoint nothing to say so', async () => {
      await addSandboxAccount();
      assert.deepEqual(await provider.getSessions(undefined), []);
      assert.equal(sandbox.stats.tokenPosts, 0);
    });

    it('creates a session for the active account whose accessToken works against the GraphQL endpoint', async () => {
      const account = await addSandboxAccount();
      let session: vscode.AuthenticationSession | undefined;
      const change = await nextChange(provider, async () => (session = await provider.createSession([])), (e) => e.added?.length === 1);
      assert.ok(session);
      assert.deepEqual({ ...session, accessToken: '…' }, { id: account.id, account: { id: account.id, label: 'sandbox' }, scopes: [], accessToken: '…' });
      assert.equal(change.added?.[0].id, account.id);
      const response = await meWith(sandbox, session.accessToken);
      assert.equal(response.status, 200);
      assert.ok((response.data as { data: { me: { id: string } } }).data.me.id);
      // Asking again reuses the valid token.
      assert.deepEqual(await provider.getSessions([]), [session]);
      assert.equal(sandbox.stats.tokenPosts, 1);
    });

    it('hands out a renewed token when the caller asks again after the token expired, and announces the change', async () => {
      const account = await addSandboxAccount();
      sandbox.setTokenLifetime(1);
      const first = await provider.createSession([]);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      sandbox.setTokenLifetime(300);
      let sessions: vscode.AuthenticationSession[] = [];
      const change = await nextChange(provider, async () => (sessions = await provider.getSessions([])), (e) => e.changed?.some((s) => s.id === account.id) ?? false);
      assert.equal(sessions.length, 1);
      assert.notEqual(sessions[0].accessToken, first.accessToken);
      assert.equal((await meWith(sandbox, sessions[0].accessToken)).status, 200);
      assert.equal(change.changed?.find((s) => s.id === account.id)?.accessToken, sessions[0].accessToken);
    });

    it('signing out (removeSession) clears that account\'s token and announces the removal without the token', async () => {
      const account = await addSandboxAccount();
      await provider.createSession([]);
      const change = await nextChange(provider, () => provider.removeSession(account.id), (e) => e.removed?.length === 1);
      assert.equal(await tokens.peek(account.id), undefined);
      assert.deepEqual(change.removed, [{ id: account.id, account: { id: account.id, label: 'sandbox' }, scopes: [], accessToken: '' }]);
      assert.deepEqual(await provider.getSessions([]), []);
    });

    it('announces sessions as tokens come and go elsewhere: Get Token adds one, Clear Token and removing the account remove it', async () => {
      const account = await addSandboxAccount();
      const added = await nextChange(provider, () => tokens.acquire(account), (e) => e.added?.length === 1);
      assert.equal(added.added?.[0].account.label, 'sandbox');
      await nextChange(provider, () => tokens.clear(account.id), (e) => e.removed?.length === 1);
      await tokens.acquire(account);
      await nextChange(provider, async () => {
        await tokens.clear(account.id);
        await accounts.remove(account.id);
      }, (e) => e.removed?.some((s) => s.id === account.id) ?? false);
    });

    it('uses the account the caller names, else the active one, and prompts to add one when there is none', async () => {
      await assert.rejects(provider.createSession([]), /no Pipefy service account/i);
      assert.equal(addAccountCalls, 1);
      const first = await addSandboxAccount('first');
      const second = await addSandboxAccount('second');
      await accounts.setActive(first.id);
      assert.equal((await provider.createSession([])).id, first.id);
      const session = await provider.createSession([], { account: { id: second.id, label: second.label } });
      assert.equal(session.id, second.id);
      assert.deepEqual((await provider.getSessions([], { account: { id: second.id, label: second.label } })).map((s) => s.id), [second.id]);
    });
  });
});
