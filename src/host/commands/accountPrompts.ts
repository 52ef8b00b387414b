import * as vscode from 'vscode';
import {
  AccountDraft,
  AccountMetadata,
  CLIENT_AUTH_MODES,
  CLIENT_AUTH_MODE_LABELS,
  ClientAuthMode,
  DEFAULT_GRAPHQL_ENDPOINT,
  DEFAULT_TOKEN_ENDPOINT,
} from '../../core/accounts/account';
import { checkEndpointUrl } from '../../core/accounts/endpointUrl';
import { checkClientId, checkClientSecret, checkDescription, checkLabel, checkLifetimeHint } from '../../core/accounts/validateAccount';
import type { AccountStore } from '../accounts/accountStore';
import { CommandCancelled } from './commandArgs';

/**
 * The palette's prompts for an account. Every box validates as the user types with the same
 * checks the store applies, keeps focus when the user switches to Pipefy to copy a value, and
 * Escape cancels the whole command with nothing saved.
 */

interface Step {
  readonly title: string;
}

async function ask(step: Step, options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, title: step.title, ...options });
  if (value === undefined) throw new CommandCancelled();
  return value;
}

function labelInput(step: Step, accounts: AccountStore, current?: AccountMetadata) {
  return ask(step, {
    prompt: 'A short name for this service account, at most 20 characters (e.g. prod, sandbox).',
    value: current?.label,
    validateInput: (value) => {
      const problem = checkLabel(value);
      if (problem) return problem;
      const clash = accounts.findByLabel(value);
      return clash && clash.id !== current?.id ? `An account labelled "${clash.label}" already exists. Choose another label.` : undefined;
    },
  });
}

function descriptionInput(step: Step, current?: AccountMetadata) {
  return ask(step, {
    prompt: 'An optional description, at most 140 characters. Leave empty for none.',
    value: current?.description ?? '',
    validateInput: (value) => checkDescription(value),
  });
}

function endpointInput(step: Step, what: 'token endpoint' | 'GraphQL endpoint', value: string) {
  return ask(step, {
    prompt:
      what === 'token endpoint'
        ? 'The token endpoint shown on the service account page in Pipefy (single-tenant customers have their own domain).'
        : 'The GraphQL endpoint the token is used with.',
    value,
    validateInput: (text) => checkEndpointUrl(text, what),
  });
}

function clientIdInput(step: Step, current?: AccountMetadata) {
  return ask(step, {
    prompt: 'The client ID of the service account, from its page in Pipefy.',
    value: current?.clientId,
    validateInput: (value) => checkClientId(value),
  });
}

function clientSecretInput(step: Step, editing: boolean) {
  return ask(step, {
    prompt: editing
      ? 'The new client secret. Leave empty to keep the stored one.'
      : 'The client secret. It is kept in VS Code\'s SecretStorage (the OS keychain), never in settings or files.',
    password: true,
    validateInput: (value) => (editing && value === '' ? undefined : checkClientSecret(value)),
  });
}

async function authModePick(step: Step, current: ClientAuthMode = 'form'): Promise<ClientAuthMode> {
  const items = CLIENT_AUTH_MODES.map((mode) => ({
    label: CLIENT_AUTH_MODE_LABELS[mode],
    description: mode === current ? '(current)' : mode === 'form' ? '(Pipefy default)' : undefined,
    mode,
  }));
  items.sort((a, b) => Number(b.mode === current) - Number(a.mode === current));
  const picked = await vscode.window.showQuickPick(items, {
    title: step.title,
    placeHolder: 'How the client authenticates to the token endpoint',
    ignoreFocusOut: true,
  });
  if (!picked) throw new CommandCancelled();
  return picked.mode;
}

async function lifetimeInput(step: Step, current?: number): Promise<number | undefined> {
  const text = await ask(step, {
    prompt: 'Optional: the token lifetime set when the service account was created, e.g. 30d, 12h, 90m or seconds (5 minutes to 30 days). Leave empty if unknown.',
    value: current === undefined ? '' : formatLifetime(current),
    validateInput: (value) => {
      if (!value.trim()) return undefined;
      const seconds = parseLifetime(value);
      return seconds === undefined ? 'Write a number of seconds, or a number followed by m, h or d (e.g. 30d).' : checkLifetimeHint(seconds);
    },
  });
  return text.trim() ? parseLifetime(text) : undefined;
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `300`, `300s`, `90m`, `12h`, `30d` → seconds; undefined when it is none of those. */
export function parseLifetime(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(text.trim());
  return match ? Math.round(Number(match[1]) * UNIT_SECONDS[match[2].toLowerCase()]) : undefined;
}

function formatLifetime(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return String(seconds);
}

/** Add Service Account, step by step. */
export async function promptNewAccount(accounts: AccountStore): Promise<AccountDraft> {
  const total = 8;
  const step = (n: number, what: string): Step => ({ title: `Add Pipefy Service Account (${n}/${total}): ${what}` });
  const label = await labelInput(step(1, 'label'), accounts);
  const description = await descriptionInput(step(2, 'description'));
  const tokenEndpoint = await endpointInput(step(3, 'token endpoint'), 'token endpoint', DEFAULT_TOKEN_ENDPOINT);
  const graphqlEndpoint = await endpointInput(step(4, 'GraphQL endpoint'), 'GraphQL endpoint', DEFAULT_GRAPHQL_ENDPOINT);
  const clientId = await clientIdInput(step(5, 'client ID'));
  const clientSecret = await clientSecretInput(step(6, 'client secret'), false);
  const authMode = await authModePick(step(7, 'client authentication'));
  const lifetimeHintSeconds = await lifetimeInput(step(8, 'token lifetime (optional)'));
  return { label, description: description || undefined, tokenEndpoint, graphqlEndpoint, clientId, clientSecret, authMode, lifetimeHintSeconds };
}

type EditableField = 'label' | 'description' | 'tokenEndpoint' | 'graphqlEndpoint' | 'clientId' | 'clientSecret' | 'authMode' | 'lifetimeHintSeconds';

/** Edit Service Account: pick the fields, then one prompt each. The result has an empty secret unless a new one was typed. */
export async function promptAccountChanges(accounts: AccountStore, account: AccountMetadata): Promise<AccountDraft> {
  const hasSecret = await accounts.hasSecret(account.id);
  const fields: Array<vscode.QuickPickItem & { field: EditableField }> = [
    { field: 'label', label: 'Label', description: account.label },
    { field: 'description', label: 'Description', description: account.description ?? '(none)' },
    { field: 'tokenEndpoint', label: 'Token endpoint', description: account.tokenEndpoint, detail: 'Changing it drops the cached token.' },
    { field: 'graphqlEndpoint', label: 'GraphQL endpoint', description: account.graphqlEndpoint },
    { field: 'clientId', label: 'Client ID', description: account.clientId, detail: 'Changing it drops the cached token.' },
    { field: 'clientSecret', label: 'Client secret', description: hasSecret ? '(stored)' : '(not set)', detail: 'Changing it drops the cached token.' },
    { field: 'authMode', label: 'Client authentication', description: CLIENT_AUTH_MODE_LABELS[account.authMode], detail: 'Changing it drops the cached token.' },
    {
      field: 'lifetimeHintSeconds',
      label: 'Token lifetime hint',
      description: account.lifetimeHintSeconds === undefined ? '(none)' : formatLifetime(account.lifetimeHintSeconds),
    },
  ];
  const picked = await vscode.window.showQuickPick(fields, {
    title: `Edit Pipefy Service Account "${account.label}"`,
    placeHolder: 'Which fields to change? (Space to select, Enter to continue)',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) throw new CommandCancelled();

  const draft: { -readonly [K in keyof AccountDraft]: AccountDraft[K] } = { ...account, clientSecret: '' };
  const chosen = picked.map((item) => item.field);
  const step = (n: number, what: string): Step => ({ title: `Edit "${account.label}" (${n}/${chosen.length}): ${what}` });
  for (const [index, field] of chosen.entries()) {
    const n = index + 1;
    switch (field) {
      case 'label':
        draft.label = await labelInput(step(n, 'label'), accounts, account);
        break;
      case 'description':
        draft.description = (await descriptionInput(step(n, 'description'), account)) || undefined;
        break;
      case 'tokenEndpoint':
        draft.tokenEndpoint = await endpointInput(step(n, 'token endpoint'), 'token endpoint', account.tokenEndpoint);
        break;
      case 'graphqlEndpoint':
        draft.graphqlEndpoint = await endpointInput(step(n, 'GraphQL endpoint'), 'GraphQL endpoint', account.graphqlEndpoint);
        break;
      case 'clientId':
        draft.clientId = await clientIdInput(step(n, 'client ID'), account);
        break;
      case 'clientSecret':
        draft.clientSecret = await clientSecretInput(step(n, 'client secret'), hasSecret);
        break;
      case 'authMode':
        draft.authMode = await authModePick(step(n, 'client authentication'), account.authMode);
        break;
      case 'lifetimeHintSeconds':
        draft.lifetimeHintSeconds = await lifetimeInput(step(n, 'token lifetime (optional)'), account.lifetimeHintSeconds);
        break;
    }
  }
  return draft;
}

/** A quick pick of the saved accounts, the active one first. */
export async function pickAccount(accounts: AccountStore, placeHolder: string): Promise<AccountMetadata> {
  const active = accounts.active();
  const items = accounts
    .list()
    .sort((a, b) => Number(b.id === active?.id) - Number(a.id === active?.id))
    .map((account) => ({
      label: account.label,
      description: account.id === active?.id ? '(active)' : undefined,
      detail: [account.description, account.tokenEndpoint].filter(Boolean).join(' · '),
      account,
    }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true, matchOnDetail: true });
  if (!picked) throw new CommandCancelled();
  return picked.account;
}
