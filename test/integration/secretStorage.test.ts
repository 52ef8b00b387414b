import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountDraft } from '../../src/core/accounts/account';
import { AccountStore, AccountValidationError } from '../../src/host/accounts/accountStore';
import { SecretTokenStore, TOKEN_SECRET_PREFIX } from '../../src/host/tokens/secretTokenStore';
import { hostRunner } from './extensions';

/** Global and workspace state for a store under test: in memory, with a switch to make writes fail. */
class TestMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  failWrites = false;

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : defaultValue;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.failWrites) throw new Error('Injected global state failure.');
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
}

/** The real SecretStorage of this VS Code, with a switch to make `store` fail as a locked keychain would. */
class FaultySecrets implements vscode.SecretStorage {
  failStores = false;
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(private readonly real: vscode.SecretStorage) {
    this.onDidChange = real.onDidChange;
  }

  get(key: string): Thenable<string | undefined> {
    return this.real.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failStores) throw new Error('Injected SecretStorage failure.');
    await this.real.store(key, value);
  }

  delete(key: string): Thenable<void> {
    return this.real.delete(key);
  }
}

async function waitFor(condition: () => boolean): Promise<void> {
  // onDidChange may fire after the awaited call returns.
  for (let tries = 0; !condition() && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * The real SecretStorage of this VS Code (the test runner's own context.secrets), used through the
 * project's own stores: AccountStore (metadata in state, secret in SecretStorage, saved together)
 * and SecretTokenStore (tokens in SecretStorage only).
 */
describe('SecretStorage', () => {
  let secrets: vscode.SecretStorage;

  before(async () => {
    secrets = (await hostRunner()).secrets;
  });

  it('stores, reads back and deletes a secret, announcing each change', async () => {
    const key = `pipefy.integration.${Date.now()}`;
    const changed: string[] = [];
    const subscription = secrets.onDidChange((event) => changed.push(event.key));
    try {
      assert.equal(await secrets.get(key), undefined);
      await secrets.store(key, 'sandbox-client-secret');
      assert.equal(await secrets.get(key), 'sandbox-client-secret');
      await secrets.delete(key);
      assert.equal(await secrets.get(key), undefined);
      await waitFor(() => changed.length >= 2);
      assert.deepEqual(changed, [key, key]);
    } finally {
      subscription.dispose();
      await secrets.delete(key);
    }
  });

  describe('through SecretTokenStore', () => {
    const accountId = `integration-token-${Date.now()}`;
    after(() => secrets.delete(TOKEN_SECRET_PREFIX + accountId));

    it('round-trips a cached token, and reads a damaged entry as no token', async () => {
      const tokens = new SecretTokenStore(secrets);
      const token = { accessToken: 'integration-access-token', tokenType: 'Bearer', obtainedAt: 1_000, expiresAt: 301_000, refreshAt: 271_000 };
      assert.equal(await tokens.get(accountId), undefined);
      await tokens.set(accountId, token);
      assert.deepEqual(await tokens.get(accountId), token);
      await secrets.store(TOKEN_SECRET_PREFIX + accountId, '{not json');
      assert.equal(await tokens.get(accountId), undefined);
      await tokens.delete(accountId);
      assert.equal(await secrets.get(TOKEN_SECRET_PREFIX + accountId), undefined);
    });
  });

  describe('through AccountStore: metadata and secret are saved together or not at all', () => {
    let faulty: FaultySecrets;
    let globalState: TestMemento;
    let store: AccountStore;
    const draft = (label: string, clientSecret: string): AccountDraft => ({
      label,
      tokenEndpoint: 'https://app.pipefy.com/oauth/token',
      graphqlEndpoint: 'https://api.pipefy.com/graphql',
      clientId: 'integration-client',
      clientSecret,
      authMode: 'form',
    });

    beforeEach(() => {
      faulty = new FaultySecrets(secrets);
      globalState = new TestMemento();
      const context = { secrets: faulty, globalState, workspaceState: new TestMemento() } as unknown as vscode.ExtensionContext;
      store = new AccountStore(context);
    });

    afterEach(async () => {
      faulty.failStores = false;
      globalState.failWrites = false;
      for (const account of store.list()) await store.remove(account.id);
      store.dispose();
    });

    it('saves an account: the secret in SecretStorage, the rest in global state without it', async () => {
      const { account } = await store.save(draft('int-store', 'store-secret-one'));
      assert.equal(await store.readSecret(account.id), 'store-secret-one');
      assert.equal(await secrets.get(`pipefy.clientSecret.${account.id}`), 'store-secret-one');
      assert.equal(JSON.stringify(globalState.get('pipefy.accounts')).includes('store-secret-one'), false);
      assert.deepEqual(store.list().map((a) => a.label), ['int-store']);
      assert.equal(store.active()?.id, account.id);
    });

    it('a save global state did not keep (a tab reloaded at once) comes back from the SecretStorage record at start-up', async () => {
      const { account } = await store.save(draft('int-kept', 'store-secret-kept'));
      assert.equal((await secrets.get('pipefy.accountRecord'))?.includes('store-secret-kept'), false, 'the record holds no secret');
      // What the next window meets when the browser lost global state's last write.
      await globalState.update('pipefy.accounts', undefined);
      await globalState.update('pipefy.defaultAccountId', undefined);
      assert.deepEqual(store.list(), []);
      const reconciliation = await store.startUp();
      assert.equal(reconciliation.kind, 'restore');
      // As kept in JSON: fields left undefined are not written.
      assert.deepEqual(store.list(), [JSON.parse(JSON.stringify(account))]);
      assert.equal(store.active()?.id, account.id);
      assert.equal(await store.readSecret(account.id), 'store-secret-kept');
      assert.equal((await store.startUp()).kind, 'inStep');
    });

    it('a list saved before the record existed is written into the record at start-up, unchanged', async () => {
      const { account } = await store.save(draft('int-older', 'store-secret-older'));
      await secrets.delete('pipefy.accountRecord');
      assert.equal((await store.startUp()).kind, 'keep');
      assert.deepEqual(store.list(), [account]);
      assert.match((await secrets.get('pipefy.accountRecord')) ?? '', /int-older/);
    });

    it('an edit whose secret cannot be stored leaves the old account and secret intact', async () => {
      const { account } = await store.save(draft('int-store', 'store-secret-one'));
      faulty.failStores = true;
      await assert.rejects(store.save({ ...draft('int-renamed', 'store-secret-two'), clientId: 'other-client' }, account.id), /Injected SecretStorage failure/);
      assert.deepEqual(store.list(), [account]);
      assert.equal(await store.readSecret(account.id), 'store-secret-one');
    });

    it('an edit whose metadata cannot be written puts the old secret back', async () => {
      const { account } = await store.save(draft('int-store', 'store-secret-one'));
      globalState.failWrites = true;
      await assert.rejects(store.save(draft('int-renamed', 'store-secret-two'), account.id), /Injected global state failure/);
      globalState.failWrites = false;
      assert.deepEqual(store.list(), [account]);
      assert.equal(await store.readSecret(account.id), 'store-secret-one');
    });

    it('a new account whose metadata cannot be written leaves no secret behind', async () => {
      const seen: string[] = [];
      const subscription = secrets.onDidChange((event) => seen.push(event.key));
      try {
        globalState.failWrites = true;
        await assert.rejects(store.save(draft('int-half', 'store-secret-half')), /Injected global state failure/);
        globalState.failWrites = false;
        assert.deepEqual(store.list(), []);
        await waitFor(() => seen.length >= 2);
        const keys = [...new Set(seen.filter((key) => key.startsWith('pipefy.clientSecret.')))];
        assert.equal(keys.length, 1, `secret keys touched: ${JSON.stringify(seen)}`);
        assert.equal(await secrets.get(keys[0]), undefined, 'the secret written first was deleted again');
      } finally {
        subscription.dispose();
      }
    });

    it('a draft that fails validation writes nothing at all', async () => {
      const seen: string[] = [];
      const subscription = secrets.onDidChange((event) => seen.push(event.key));
      const sentinel = `pipefy.integration.sentinel.${Date.now()}`;
      try {
        await assert.rejects(store.save(draft('a-label-of-21-chars-x', 'store-secret-bad')), AccountValidationError);
        // Changes are announced in order: once the sentinel's arrives, any earlier write would have too.
        await secrets.store(sentinel, 'sentinel');
        await waitFor(() => seen.includes(sentinel));
        assert.deepEqual(seen, [sentinel]);
        assert.deepEqual(store.list(), []);
      } finally {
        subscription.dispose();
        await secrets.delete(sentinel);
      }
    });
  });
});
