import * as vscode from 'vscode';
import { AccountDraft, AccountMetadata } from '../../core/accounts/account';
import { type AccountRecord, type AccountRecordReconciliation, parseAccountRecord, reconcileAccountRecord, serializeAccountRecord } from '../../core/accounts/accountRecord';
import { isAccountMetadata } from '../../core/accounts/storedAccount';
import { validateAccountDraft } from '../../core/accounts/validateAccount';

const ACCOUNTS_KEY = 'pipefy.accounts';
const DEFAULT_ACCOUNT_KEY = 'pipefy.defaultAccountId';
const ACTIVE_ACCOUNT_KEY = 'pipefy.activeAccountId';
const SECRET_PREFIX = 'pipefy.clientSecret.';
/** The list and the default account, kept in SecretStorage too (core/accounts/accountRecord.ts says why). */
const RECORD_KEY = 'pipefy.accountRecord';
/** Written once per window in a browser, so SecretStorage is ready before the first save (see startUp). */
const WARM_UP_KEY = 'pipefy.secretStorageWarmUp';

export class AccountValidationError extends Error {
  override readonly name = 'AccountValidationError';
  constructor(readonly problems: ReadonlyArray<{ field: string; message: string }>) {
    super(problems.map((p) => p.message).join(' '));
  }
}

/**
 * Service accounts: the client secret in SecretStorage; the list and the global default in a
 * SecretStorage record, mirrored in global state for synchronous reads; the active account per
 * workspace. A save writes all of it or none.
 */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private lateRefire: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    // Other windows write the same global state; their secret writes are the signal to re-read.
    // A save writes the secret before the metadata, and global state reaches this window on its
    // own schedule, so the signal is repeated once a moment later to pick up the metadata too.
    this.subscription = context.secrets.onDidChange((e) => {
      if (!e.key.startsWith(SECRET_PREFIX) && e.key !== RECORD_KEY) return;
      this.changed.fire();
      if (this.lateRefire !== undefined) clearTimeout(this.lateRefire);
      this.lateRefire = setTimeout(() => {
        this.lateRefire = undefined;
        this.changed.fire();
      }, 1000);
    });
  }

  /**
   * Once, as the extension starts. Rewrites the global state mirror from the SecretStorage record
   * when they differ (a tab reloaded right after a save kept the record but not the mirror), or
   * writes the record for a list saved before it existed. Returns what it did.
   */
  async startUp(): Promise<AccountRecordReconciliation> {
    // In a browser, VS Code seals SecretStorage with a key half it fetches from the server on the
    // first write of the page's life, and resolves that write before it is sealed and kept. In a
    // fresh profile that first write was the first account's, and a tab reloaded right after
    // "saved" lost it. A throwaway write now fetches the key while the user is still typing.
    if (vscode.env.uiKind === vscode.UIKind.Web) await this.context.secrets.delete(WARM_UP_KEY);
    const reconciliation = reconcileAccountRecord(parseAccountRecord(await this.context.secrets.get(RECORD_KEY)), this.mirror());
    if (reconciliation.kind === 'restore') {
      await this.context.globalState.update(ACCOUNTS_KEY, reconciliation.record.accounts);
      await this.context.globalState.update(DEFAULT_ACCOUNT_KEY, reconciliation.record.defaultAccountId);
      this.changed.fire();
    }
    if (reconciliation.kind === 'keep') await this.context.secrets.store(RECORD_KEY, serializeAccountRecord(reconciliation.record));
    return reconciliation;
  }

  list(): AccountMetadata[] {
    const stored = this.context.globalState.get<unknown>(ACCOUNTS_KEY);
    return Array.isArray(stored) ? stored.filter(isAccountMetadata) : [];
  }

  get(id: string): AccountMetadata | undefined {
    return this.list().find((account) => account.id === id);
  }

  findByLabel(label: string): AccountMetadata | undefined {
    const wanted = label.trim().toLowerCase();
    return this.list().find((account) => account.label.toLowerCase() === wanted);
  }

  /** The workspace's choice, else the global default, else the only account there is. */
  active(): AccountMetadata | undefined {
    const accounts = this.list();
    const id = this.context.workspaceState.get<string>(ACTIVE_ACCOUNT_KEY) ?? this.context.globalState.get<string>(DEFAULT_ACCOUNT_KEY);
    return accounts.find((account) => account.id === id) ?? (accounts.length === 1 ? accounts[0] : undefined);
  }

  async setActive(id: string): Promise<void> {
    if (!this.get(id)) throw new Error('That service account no longer exists.');
    await this.context.workspaceState.update(ACTIVE_ACCOUNT_KEY, id);
    await this.keep({ accounts: this.list(), defaultAccountId: id });
    this.changed.fire();
  }

  async readSecret(id: string): Promise<string | undefined> {
    return this.context.secrets.get(SECRET_PREFIX + id);
  }

  async hasSecret(id: string): Promise<boolean> {
    return Boolean(await this.readSecret(id));
  }

  /**
   * Adds (no id) or replaces (id) an account. An empty secret on edit keeps the stored one.
   * The secret is written first; if the metadata write then fails, the old secret is put back.
   */
  async save(draft: AccountDraft, id?: string): Promise<{ account: AccountMetadata; secretChanged: boolean; previous?: AccountMetadata }> {
    const previous = id ? this.get(id) : undefined;
    if (id && !previous) throw new Error('That service account no longer exists; it may have been removed in another window.');
    const oldSecret = id ? await this.readSecret(id) : undefined;
    const secret = draft.clientSecret || oldSecret || '';
    const problems = validateAccountDraft({ ...draft, clientSecret: secret }, this.list(), id);
    if (problems.length) throw new AccountValidationError(problems);

    const account: AccountMetadata = {
      id: id ?? newAccountId(),
      label: draft.label.trim(),
      description: draft.description?.trim() || undefined,
      tokenEndpoint: draft.tokenEndpoint.trim(),
      graphqlEndpoint: draft.graphqlEndpoint.trim(),
      clientId: draft.clientId.trim(),
      authMode: draft.authMode,
      lifetimeHintSeconds: draft.lifetimeHintSeconds,
      serviceAccount: draft.serviceAccount ?? previous?.serviceAccount,
    };
    const secretChanged = secret !== oldSecret;
    const before = this.list();
    // Read before the write: afterwards a lone first account would look active without being stored as such.
    const activeBefore = this.active();
    if (secretChanged) await this.context.secrets.store(SECRET_PREFIX + account.id, secret);
    const next = previous ? before.map((a) => (a.id === account.id ? account : a)) : [...before, account];
    try {
      await this.keep({ ...this.mirror(), accounts: next });
    } catch (error) {
      await this.keep({ ...this.mirror(), accounts: before }).catch(() => undefined);
      await this.rollBackSecret(account.id, secretChanged, oldSecret);
      throw error;
    }
    if (!activeBefore) await this.setActive(account.id);
    this.changed.fire();
    return { account, secretChanged, previous };
  }

  async remove(id: string): Promise<void> {
    const { accounts, defaultAccountId } = this.mirror();
    const remaining = accounts.filter((account) => account.id !== id);
    await this.keep({ accounts: remaining, defaultAccountId: defaultAccountId === id ? remaining[0]?.id : defaultAccountId });
    await this.context.secrets.delete(SECRET_PREFIX + id);
    if (this.context.workspaceState.get(ACTIVE_ACCOUNT_KEY) === id) await this.context.workspaceState.update(ACTIVE_ACCOUNT_KEY, undefined);
    this.changed.fire();
  }

  /** The record first (it is what survives a tab reload), then its mirror. */
  private async keep(record: AccountRecord): Promise<void> {
    await this.context.secrets.store(RECORD_KEY, serializeAccountRecord(record));
    await this.context.globalState.update(ACCOUNTS_KEY, record.accounts);
    await this.context.globalState.update(DEFAULT_ACCOUNT_KEY, record.defaultAccountId);
  }

  private mirror(): AccountRecord {
    return { accounts: this.list(), defaultAccountId: this.context.globalState.get<string>(DEFAULT_ACCOUNT_KEY) };
  }

  private async rollBackSecret(id: string, secretChanged: boolean, oldSecret: string | undefined): Promise<void> {
    if (!secretChanged) return;
    if (oldSecret) await this.context.secrets.store(SECRET_PREFIX + id, oldSecret);
    else await this.context.secrets.delete(SECRET_PREFIX + id);
  }

  dispose(): void {
    if (this.lateRefire !== undefined) clearTimeout(this.lateRefire);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function newAccountId(): string {
  return globalThis.crypto.randomUUID();
}
