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
import { SUSPECT_FIELD_NAMES, type SuspectField } from '../../core/accounts/credentialCheck';
import { checkEndpointUrl } from '../../core/accounts/endpointUrl';
import { formatLifetime, parseLifetime } from '../../core/accounts/lifetimeText';
import { checkClientId, checkClientSecret, checkDescription, checkLabelAmong, checkLifetimeHint } from '../../core/accounts/validateAccount';
import type { AccountStore } from '../accounts/accountStore';
import { CommandCancelled } from '../../core/commands/commandArgs';
import { inputStep, pickStep, runSteps, type StepResult, type StepTitle } from './stepInput';

/**
 * The palette's prompts for an account. Every box validates as the user types with the same
 * checks the store applies, keeps focus when the user switches to Pipefy to copy a value, has a
 * Back button after the first step (what was typed is kept both ways), and Escape cancels the
 * whole command with nothing saved. Optional steps are skipped with Enter.
 */

function labelInput(step: StepTitle, value: string, accounts: AccountStore, current?: AccountMetadata) {
  return inputStep(step, {
    prompt: 'A short name for this service account, at most 20 characters (e.g. prod, sandbox).',
    value,
    validate: (text) => checkLabelAmong(text, accounts.list(), current?.id),
  });
}

function descriptionInput(step: StepTitle, value: string) {
  return inputStep(step, {
    prompt: 'Optional: a description, at most 140 characters. Press Enter to skip.',
    value,
    validate: (text) => checkDescription(text),
  });
}

function endpointInput(step: StepTitle, what: 'token endpoint' | 'GraphQL endpoint', value: string) {
  return inputStep(step, {
    prompt:
      what === 'token endpoint'
        ? 'The token endpoint shown on the service account page in Pipefy (single-tenant customers have their own domain). Press Enter to keep it.'
        : 'The GraphQL endpoint the token is used with. Press Enter to keep it.',
    value,
    validate: (text) => checkEndpointUrl(text, what),
  });
}

function clientIdInput(step: StepTitle, value: string) {
  return inputStep(step, {
    prompt: 'The client ID of the service account, from its page in Pipefy.',
    value,
    validate: (text) => checkClientId(text),
  });
}

function clientSecretInput(step: StepTitle, value: string, editing: boolean) {
  return inputStep(step, {
    prompt: editing
      ? 'The new client secret. Leave empty to keep the stored one.'
      : 'The client secret. It is kept in VS Code\'s SecretStorage (the OS keychain), never in settings or files.',
    value,
    password: true,
    validate: (text) => (editing && text === '' ? undefined : checkClientSecret(text)),
  });
}

async function authModePick(step: StepTitle, chosen: ClientAuthMode, current?: ClientAuthMode): Promise<StepResult<ClientAuthMode>> {
  const items = CLIENT_AUTH_MODES.map((mode) => ({
    label: CLIENT_AUTH_MODE_LABELS[mode],
    description: mode === current ? '(current)' : mode === 'form' ? '(Pipefy default)' : undefined,
    mode,
  }));
  items.sort((a, b) => Number(b.mode === (current ?? 'form')) - Number(a.mode === (current ?? 'form')));
  const result = await pickStep(step, items, { placeholder: 'How the client authenticates to the token endpoint', active: items.find((item) => item.mode === chosen) });
  return result.back ? result : { back: false, value: result.value.mode };
}

function lifetimeInput(step: StepTitle, value: string) {
  return inputStep(step, {
    prompt: 'Optional: the token lifetime set when the service account was created, e.g. 30d, 12h, 90m or seconds (5 minutes to 30 days). Press Enter to skip.',
    value,
    validate: (text) => {
      if (!text.trim()) return undefined;
      const seconds = parseLifetime(text);
      return seconds === undefined ? 'Write a number of seconds, or a number followed by m, h or d (e.g. 30d).' : checkLifetimeHint(seconds);
    },
  });
}

/** The answers of a prompt sequence so far: each step starts from its own, and Back keeps them. */
type Answers = {
  label: string;
  description: string;
  tokenEndpoint: string;
  graphqlEndpoint: string;
  clientId: string;
  clientSecret: string;
  authMode: ClientAuthMode;
  lifetime: string;
};
type TextField = Exclude<keyof Answers, 'authMode'>;

function draftOf(answers: Answers): AccountDraft {
  return {
    label: answers.label,
    description: answers.description || undefined,
    tokenEndpoint: answers.tokenEndpoint,
    graphqlEndpoint: answers.graphqlEndpoint,
    clientId: answers.clientId,
    clientSecret: answers.clientSecret,
    authMode: answers.authMode,
    lifetimeHintSeconds: answers.lifetime.trim() ? parseLifetime(answers.lifetime) : undefined,
  };
}

function answersOf(draft: AccountDraft): Answers {
  return {
    label: draft.label,
    description: draft.description ?? '',
    tokenEndpoint: draft.tokenEndpoint,
    graphqlEndpoint: draft.graphqlEndpoint,
    clientId: draft.clientId,
    clientSecret: draft.clientSecret,
    authMode: draft.authMode,
    lifetime: draft.lifetimeHintSeconds === undefined ? '' : formatLifetime(draft.lifetimeHintSeconds),
  };
}

/** A step that reads and writes one answer; Back keeps what was in the box. */
function textStep(answers: Answers, field: TextField, title: string, input: (step: StepTitle, value: string) => Promise<StepResult<string>>) {
  return async (canGoBack: boolean): Promise<boolean> => {
    const result = await input({ title, canGoBack }, answers[field]);
    answers[field] = result.back ? (result.draft ?? answers[field]) : result.value;
    return result.back;
  };
}

function authModeStep(answers: Answers, title: string, current?: ClientAuthMode) {
  return async (canGoBack: boolean): Promise<boolean> => {
    const result = await authModePick({ title, canGoBack }, answers.authMode, current);
    if (!result.back) answers.authMode = result.value;
    return result.back;
  };
}

/** Add Service Account, step by step. */
export async function promptNewAccount(accounts: AccountStore): Promise<AccountDraft> {
  const total = 8;
  const title = (n: number, what: string) => `Add Pipefy Service Account (${n}/${total}): ${what}`;
  const answers: Answers = {
    label: '',
    description: '',
    tokenEndpoint: DEFAULT_TOKEN_ENDPOINT,
    graphqlEndpoint: DEFAULT_GRAPHQL_ENDPOINT,
    clientId: '',
    clientSecret: '',
    authMode: 'form',
    lifetime: '',
  };
  await runSteps([
    textStep(answers, 'label', title(1, 'label'), (step, value) => labelInput(step, value, accounts)),
    textStep(answers, 'description', title(2, 'description (optional)'), descriptionInput),
    textStep(answers, 'tokenEndpoint', title(3, 'token endpoint'), (step, value) => endpointInput(step, 'token endpoint', value)),
    textStep(answers, 'graphqlEndpoint', title(4, 'GraphQL endpoint'), (step, value) => endpointInput(step, 'GraphQL endpoint', value)),
    textStep(answers, 'clientId', title(5, 'client ID'), clientIdInput),
    textStep(answers, 'clientSecret', title(6, 'client secret'), (step, value) => clientSecretInput(step, value, false)),
    authModeStep(answers, title(7, 'client authentication')),
    textStep(answers, 'lifetime', title(8, 'token lifetime (optional)'), lifetimeInput),
  ]);
  return draftOf(answers);
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

  const answers = answersOf({ ...account, clientSecret: '' });
  const chosen = picked.map((item) => item.field);
  const title = (n: number, what: string) => `Edit "${account.label}" (${n}/${chosen.length}): ${what}`;
  await runSteps(
    chosen.map((field, index) => {
      const n = index + 1;
      switch (field) {
        case 'label':
          return textStep(answers, 'label', title(n, 'label'), (step, value) => labelInput(step, value, accounts, account));
        case 'description':
          return textStep(answers, 'description', title(n, 'description (optional)'), descriptionInput);
        case 'tokenEndpoint':
          return textStep(answers, 'tokenEndpoint', title(n, 'token endpoint'), (step, value) => endpointInput(step, 'token endpoint', value));
        case 'graphqlEndpoint':
          return textStep(answers, 'graphqlEndpoint', title(n, 'GraphQL endpoint'), (step, value) => endpointInput(step, 'GraphQL endpoint', value));
        case 'clientId':
          return textStep(answers, 'clientId', title(n, 'client ID'), clientIdInput);
        case 'clientSecret':
          return textStep(answers, 'clientSecret', title(n, 'client secret'), (step, value) => clientSecretInput(step, value, hasSecret));
        case 'authMode':
          return authModeStep(answers, title(n, 'client authentication'), account.authMode);
        case 'lifetimeHintSeconds':
          return textStep(answers, 'lifetime', title(n, 'token lifetime (optional)'), lifetimeInput);
      }
    }),
  );
  return draftOf(answers);
}

/**
 * After a check before saving was refused: the one step of the field it points at, showing what was
 * typed, so the draft can be checked again. `editing` when an empty secret keeps the stored one.
 */
export async function promptFix(accounts: AccountStore, draft: AccountDraft, field: SuspectField, editing?: AccountMetadata): Promise<AccountDraft> {
  const answers = answersOf(draft);
  const title = `Fix "${draft.label}": ${SUSPECT_FIELD_NAMES[field].toLowerCase()}`;
  const keepsStoredSecret = editing !== undefined && (await accounts.hasSecret(editing.id));
  const fixes: Record<SuspectField, (canGoBack: boolean) => Promise<boolean>> = {
    tokenEndpoint: textStep(answers, 'tokenEndpoint', title, (step, value) => endpointInput(step, 'token endpoint', value)),
    clientId: textStep(answers, 'clientId', title, clientIdInput),
    clientSecret: textStep(answers, 'clientSecret', title, (step, value) => clientSecretInput(step, value, keepsStoredSecret)),
    authMode: authModeStep(answers, title, editing?.authMode),
  };
  await fixes[field](false);
  return draftOf(answers);
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
