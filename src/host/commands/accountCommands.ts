import * as vscode from 'vscode';
import {
  AccountDraft,
  AccountMetadata,
  changesInvalidateToken,
  CLIENT_AUTH_MODES,
  ClientAuthMode,
  DEFAULT_GRAPHQL_ENDPOINT,
  DEFAULT_TOKEN_ENDPOINT,
  isClientAuthMode,
} from '../../core/accounts/account';
import { removeAccount, saveAccount } from '../accounts/accountChanges';
import { promptAccountChanges, promptNewAccount } from './accountPrompts';
import { checkBeforeSaving, type CheckedDraft } from './checkBeforeSaving';
import {
  CommandArgs,
  CommandArgsError,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
} from '../../core/commands/commandArgs';
import { CommandDeps, inform, registerCommand } from './commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from './resolveAccount';

/** What account commands hand back: never the secret. */
export interface AccountRef {
  readonly id: string;
  readonly label: string;
}

const DRAFT_KEYS = ['label', 'description', 'tokenEndpoint', 'graphqlEndpoint', 'clientId', 'clientSecret', 'authMode', 'lifetimeHintSeconds'] as const;

export function registerAccountCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps, 'pipefy.addAccount', (args) => addAccount(deps, args)),
    registerCommand(deps, 'pipefy.editAccount', (args) => editAccount(deps, args)),
    registerCommand(deps, 'pipefy.removeAccount', (args) => removeAccountCommand(deps, args)),
    registerCommand(deps, 'pipefy.switchAccount', (args) => switchAccount(deps, args)),
  ];
}

/**
 * Add Service Account. Arguments: `{ label, clientId, clientSecret, description?, tokenEndpoint?,
 * graphqlEndpoint?, authMode?: 'form'|'json'|'basic', lifetimeHintSeconds?, activate?: boolean,
 * check?: boolean }`. Values typed in the prompts are checked with a token request before saving;
 * values passed as arguments only when `check` is true. The new account becomes the active one unless
 * `activate` is false. Returns `{ id, label }`.
 */
async function addAccount(deps: CommandDeps, args: CommandArgs | undefined): Promise<AccountRef> {
  let draft: AccountDraft;
  let activate = true;
  if (args) {
    rejectUnknownKeys(args, [...DRAFT_KEYS, 'activate', 'check']);
    draft = {
      label: optionalString(args, 'label') ?? '',
      description: optionalString(args, 'description') || undefined,
      tokenEndpoint: optionalString(args, 'tokenEndpoint') ?? DEFAULT_TOKEN_ENDPOINT,
      graphqlEndpoint: optionalString(args, 'graphqlEndpoint') ?? DEFAULT_GRAPHQL_ENDPOINT,
      clientId: optionalString(args, 'clientId') ?? '',
      clientSecret: optionalString(args, 'clientSecret') ?? '',
      authMode: authModeArg(args) ?? 'form',
      lifetimeHintSeconds: optionalNumber(args, 'lifetimeHintSeconds'),
    };
    activate = optionalBoolean(args, 'activate') ?? true;
  } else {
    draft = await promptNewAccount(deps.accounts);
  }
  const checked = checks(args, args === undefined) ? await checkBeforeSaving(deps, draft) : undefined;
  const { account } = await saveAccount(deps, checked?.draft ?? draft);
  if (checked && 'checked' in checked) await deps.tokens.adopt(account, checked.checked);
  if (activate) await deps.accounts.setActive(account.id);
  inform(`Pipefy: service account "${account.label}" saved${activate ? ' and active' : ''}${checkedClause(checked)}. Its secret is in VS Code's SecretStorage.`, [
    { title: 'Get Token', command: 'pipefy.getToken' },
    { title: 'Open Try It', command: 'pipefy.openTryIt' },
  ]);
  return { id: account.id, label: account.label };
}

/** Whether to ask the token endpoint before saving: `check` says, else whether the user typed the values in the prompts. */
function checks(args: CommandArgs | undefined, prompted: boolean): boolean {
  return (args && optionalBoolean(args, 'check')) ?? prompted;
}

function checkedClause(checked: CheckedDraft | undefined): string {
  if (!checked) return '';
  return 'checked' in checked ? ', its token endpoint gave it a token' : `, unchecked (${checked.unchecked})`;
}

/**
 * Edit Service Account. Arguments: `{ accountId? | label?, changes?: { label?, description?,
 * tokenEndpoint?, graphqlEndpoint?, clientId?, clientSecret?, authMode?, lifetimeHintSeconds? } }`.
 * An empty or absent `clientSecret` keeps the stored one; `description: ''` and
 * `lifetimeHintSeconds: null` clear those. Without `changes`, prompts for the fields. New
 * credentials are checked with a token request before saving, as Add does (`check?: boolean`).
 * Returns `{ id, label, tokenCleared }`.
 */
async function editAccount(deps: CommandDeps, args: CommandArgs | undefined): Promise<AccountRef & { tokenCleared: boolean }> {
  if (args) rejectUnknownKeys(args, [...ACCOUNT_SELECTOR_KEYS, 'changes', 'check']);
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenMany', placeHolder: 'Which service account to edit?' });
  const changes = args && optionalObject(args, 'changes');
  const draft = changes ? draftFromChanges(account, changes) : await promptAccountChanges(deps.accounts, account);
  // Only new credentials are worth a token request: a new label or description cannot break them.
  const credentialsChange = changesInvalidateToken(account, draft, draft.clientSecret !== '');
  const checked = credentialsChange && checks(args, !changes) ? await checkBeforeSaving(deps, draft, account) : undefined;
  const saved = await saveAccount(deps, checked?.draft ?? draft, account.id);
  if (checked && 'checked' in checked) await deps.tokens.adopt(saved.account, checked.checked);
  const dropped = saved.tokenCleared ? ' Its cached token was dropped because the credentials or endpoint changed.' : '';
  inform(`Pipefy: service account "${saved.account.label}" saved${checkedClause(checked)}.${checked && 'checked' in checked ? '' : dropped}`);
  return { id: saved.account.id, label: saved.account.label, tokenCleared: saved.tokenCleared };
}

function draftFromChanges(account: AccountMetadata, changes: CommandArgs): AccountDraft {
  rejectUnknownKeys(changes, DRAFT_KEYS, 'fields in "changes"');
  const description = optionalString(changes, 'description');
  return {
    label: optionalString(changes, 'label') ?? account.label,
    description: description === undefined ? account.description : description || undefined,
    tokenEndpoint: optionalString(changes, 'tokenEndpoint') ?? account.tokenEndpoint,
    graphqlEndpoint: optionalString(changes, 'graphqlEndpoint') ?? account.graphqlEndpoint,
    clientId: optionalString(changes, 'clientId') ?? account.clientId,
    clientSecret: optionalString(changes, 'clientSecret') ?? '',
    authMode: authModeArg(changes) ?? account.authMode,
    lifetimeHintSeconds: 'lifetimeHintSeconds' in changes ? optionalNumber(changes, 'lifetimeHintSeconds') : account.lifetimeHintSeconds,
  };
}

/**
 * Remove Service Account. Arguments: `{ accountId? | label?, confirm?: boolean }`; a modal asks
 * first unless `confirm` is false. Returns `{ id, label, removed: true }`, or undefined when the
 * user said no.
 */
async function removeAccountCommand(deps: CommandDeps, args: CommandArgs | undefined): Promise<(AccountRef & { removed: true }) | undefined> {
  if (args) rejectUnknownKeys(args, [...ACCOUNT_SELECTOR_KEYS, 'confirm']);
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenMany', placeHolder: 'Which service account to remove?' });
  if ((args && optionalBoolean(args, 'confirm')) !== false) {
    const answer = await vscode.window.showWarningMessage(
      `Remove the service account "${account.label}"?`,
      { modal: true, detail: 'Its client secret and cached token are deleted from VS Code\'s SecretStorage. The service account itself stays in Pipefy.' },
      'Remove',
    );
    if (answer !== 'Remove') return undefined;
  }
  await removeAccount(deps, account);
  inform(`Pipefy: service account "${account.label}" removed.`);
  return { id: account.id, label: account.label, removed: true };
}

/** Switch Service Account. Arguments: `{ accountId? | label? }`. Returns `{ id, label }` of the now active account. */
async function switchAccount(deps: CommandDeps, args: CommandArgs | undefined): Promise<AccountRef> {
  if (args) {
    rejectUnknownKeys(args, ACCOUNT_SELECTOR_KEYS);
    if (!optionalString(args, 'accountId') && !optionalString(args, 'label')) throw new CommandArgsError('Pass "accountId" or "label" to say which account to switch to.');
  }
  const account = await resolveAccount(deps.accounts, args, { ask: 'always', placeHolder: 'Which service account to use in this workspace?' });
  await deps.accounts.setActive(account.id);
  // The status bar shows the switch; a notification would only repeat it.
  deps.log.info(`Active service account: "${account.label}".`);
  return { id: account.id, label: account.label };
}

function authModeArg(args: CommandArgs): ClientAuthMode | undefined {
  const value = optionalString(args, 'authMode');
  if (value === undefined) return undefined;
  if (!isClientAuthMode(value)) throw new CommandArgsError(`The argument "authMode" must be one of ${CLIENT_AUTH_MODES.join(', ')}, not "${value}".`);
  return value;
}
