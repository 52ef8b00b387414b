import * as vscode from 'vscode';
import type { AccountMetadata, ServiceAccountIdentity } from '../../core/accounts/account';
import { describeApiErrors } from '../../core/serviceAccounts/apiErrors';
import { keepCreatedSecret } from '../../core/serviceAccounts/keepCreatedSecret';
import { describeRefusal, draftFromArgs, pipeIdsArg, superAdminAdvice } from '../../core/serviceAccounts/serviceAccountArgs';
import {
  type ApiAnswer,
  type CreatedServiceAccount,
  createServiceAccountBody,
  deleteServiceAccountBody,
  type GraphQLBody,
  inviteMembersBody,
  type Organization,
  organizationsBody,
  readCreatedServiceAccount,
  readDeletedServiceAccount,
  readInvitedMembers,
  readOrganizations,
  readRemovedMembers,
  removeMembersFromPipeBody,
} from '../../core/serviceAccounts/serviceAccountApi';
import {
  checkServiceAccountDraft,
  checkServiceAccountName,
  describeLifetime,
  LIFETIME_UNITS,
  lifetimeSeconds,
  parseLifetime,
  SERVICE_ACCOUNT_ROLES,
  type ServiceAccountDraft,
  type ServiceAccountRole,
} from '../../core/serviceAccounts/serviceAccountDraft';
import { removeAccount, saveAccount } from '../accounts/accountChanges';
import { type CommandArgs, CommandArgsError, CommandCancelled, optionalString, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { type CommandDeps, CommandFailure, inform, registerCommand } from '../commands/commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from '../commands/resolveAccount';
import { accountRunner } from '../tokens/accountRunner';

/** What Create Service Account hands back: the new saved account and what Pipefy made, never the secret. */
export interface CreatedAccountRef {
  readonly id: string;
  readonly label: string;
  readonly email: string;
  readonly uuid: string;
  readonly pipes: readonly string[];
}

const CREATE_KEYS = [...ACCOUNT_SELECTOR_KEYS, 'organizationUuid', 'name', 'description', 'role', 'lifetimeUnit', 'lifetimeValue', 'pipeIds', 'pipeRole'] as const;

export const ADD_TO_PIPE_COMMAND = 'pipefy.addToPipe';

export function registerServiceAccountCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps, ADD_TO_PIPE_COMMAND, (args) => addToPipe(deps, args)),
    registerCommand(deps, 'pipefy.removeFromPipe', (args) => removeFromPipe(deps, args)),
    registerCommand(deps, 'pipefy.createServiceAccount', (args) => createServiceAccount(deps, args)),
    registerCommand(deps, 'pipefy.deleteServiceAccount', (args) => deleteServiceAccount(deps, args)),
  ];
}

/**
 * Create Service Account, as a Super Admin does it in Pipefy's web app, with the secret going
 * straight from Pipefy's answer into SecretStorage. Arguments (no prompts): `{ accountId? | label?
 * (the acting admin), organizationUuid?, name, description?, role?, lifetimeUnit, lifetimeValue,
 * pipeIds?, pipeRole? }`. Returns CreatedAccountRef.
 */
async function createServiceAccount(deps: CommandDeps, args: CommandArgs | undefined): Promise<CreatedAccountRef> {
  if (args) rejectUnknownKeys(args, CREATE_KEYS);
  const acting = await resolveAccount(deps.accounts, args, { ask: 'always', placeHolder: 'Which saved account creates it? (an organization admin)' });
  const ask = (body: GraphQLBody) => runAs(deps, acting, body);
  const organizations = answerOrFail(await ask(organizationsBody).then(({ status, json }) => readOrganizations(status, json)), 'Listing the organizations', superAdminAdvice(acting.label));
  const organization = await chooseOrganization(organizations, args);
  const draft = args ? draftFromArgs(args, organization) : await promptDraft(organization);
  const problems = checkServiceAccountDraft(draft);
  if (problems.length) throw new CommandArgsError(problems.map((problem) => problem.message).join(' '));
  const clash = deps.accounts.list().find((account) => account.label.toLowerCase() === draft.name.trim().toLowerCase());
  if (clash) throw new CommandArgsError(`A saved account is already labelled "${clash.label}"; the new account takes its name as its label. Choose another name.`);
  if (!args) await confirmCreation(draft, organization, acting);

  const answer = await ask(createServiceAccountBody(draft));
  const created = answerOrFail(readCreatedServiceAccount(answer.status, answer.json), 'Pipefy refused to create the service account', superAdminAdvice(acting.label));
  // From here on the secret exists only in this process: it is never logged, shown or kept elsewhere.
  deps.log.redactor.remember(created.clientSecret);
  deps.log.info(`Service account "${created.name}" (${created.email}) created in Pipefy with "${acting.label}".`);
  const account = await keepInSecretStorage(deps, created, draft, acting);
  await deps.accounts.setActive(account.id);

  const pipeIds = args ? pipeIdsArg(args) : await choosePipes(organization);
  const pipeRole = (args && optionalString(args, 'pipeRole')) || 'member';
  const added: string[] = [];
  for (const pipeId of pipeIds) {
    const invited = await ask(inviteMembersBody(pipeId, created.email, pipeRole)).then(({ status, json }) => readInvitedMembers(status, json));
    if (invited.ok) added.push(pipeId);
    else void vscode.window.showWarningMessage(`Pipefy: "${created.name}" was not added to pipe ${pipeId}: ${describeApiErrors(invited.errors)}`);
  }
  // Proved at once: the new account's first token, which the status bar then counts down, and the
  // pipes it was added to, as it sees them with that token.
  await deps.tokens.tokenFor(account);
  const seen = added.length ? await pipesSeenBy(deps, account) : '';
  inform(
    `Pipefy: service account "${created.name}" created, its secret kept in SecretStorage, and its first token received${added.length ? `; added to pipe${added.length > 1 ? 's' : ''} ${added.join(', ')}${seen}` : ''}. Its token lifetime (${describeLifetime(draft.lifetime)}) can never be changed.`,
  );
  return { id: account.id, label: account.label, email: created.email, uuid: created.uuid, pipes: added };
}

/**
 * Keeps the created account: its secret in SecretStorage. If that fails, the user is told at once
 * and offered the ways that keep the secret (core/serviceAccounts/keepCreatedSecret.ts decides).
 */
async function keepInSecretStorage(deps: CommandDeps, created: CreatedServiceAccount, draft: ServiceAccountDraft, acting: AccountMetadata): Promise<AccountMetadata> {
  const outcome = await keepCreatedSecret(
    () => saveAccount(deps, {
      label: created.name,
      description: draft.description?.trim() || undefined,
      tokenEndpoint: created.tokenEndpoint,
      graphqlEndpoint: acting.graphqlEndpoint,
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      authMode: 'form',
      lifetimeHintSeconds: lifetimeSeconds(draft.lifetime),
      serviceAccount: { organizationUuid: draft.organizationUuid, uuid: created.uuid, email: created.email },
    }),
    async (reason) => {
      const choice = await vscode.window.showErrorMessage(
        `Pipefy: "${created.name}" was created in Pipefy, but keeping its secret failed (${reason}).`,
        { modal: true, detail: 'Pipefy shows the client secret only this once. Store it again, or reveal it once to keep it yourself.' },
        'Store Again',
        'Reveal Secret Once',
      );
      return choice === 'Store Again' ? 'storeAgain' : choice === 'Reveal Secret Once' ? 'revealOnce' : undefined;
    },
    (error) => {
      deps.log.error(`Keeping the new service account "${created.name}" failed`, error);
      return deps.log.redactor.redact(error instanceof Error ? error.message : String(error));
    },
  );
  if (outcome.kind === 'kept') return outcome.saved.account;
  if (outcome.kind === 'reveal') {
    await vscode.window.showWarningMessage(
      `Pipefy: the client secret of "${created.name}" (client ID ${created.clientId}). It is shown this once and kept nowhere: copy it to a safe place now.`,
      { modal: true, detail: created.clientSecret },
    );
  }
  throw new CommandFailure(`"${created.name}" exists in Pipefy but is not saved here (${outcome.reason}). Add it with "Pipefy: Add Service Account" once its secret is kept, or delete it in Pipefy's web app and create it again.`);
}

/**
 * Delete Service Account: deletes it in Pipefy, then the saved account, its token and its secret.
 * Arguments: `{ accountId? | label?, actingAccountId?, confirmName, serviceAccountUuid?, organizationUuid? }`
 * (the name typed again; the uuids for an account not made here); without
 * `actingAccountId` the active account acts, or the account itself when it is the active one.
 * Refused by Pipefy: nothing is removed here.
 */
async function deleteServiceAccount(deps: CommandDeps, args: CommandArgs | undefined): Promise<{ readonly deleted: string }> {
  if (args) rejectUnknownKeys(args, [...ACCOUNT_SELECTOR_KEYS, 'actingAccountId', 'confirmName', 'organizationUuid', 'serviceAccountUuid']);
  const target = await resolveAccount(deps.accounts, args, { ask: 'always', placeHolder: 'Which service account to delete in Pipefy?' });
  const identity = target.serviceAccount ?? (await identityGiven(args, target));
  const actingId = args ? optionalString(args, 'actingAccountId') : undefined;
  const acting = actingId
    ? deps.accounts.get(actingId) ?? failNoAccount(actingId)
    : args
      ? activeOtherThan(deps, target) ?? target
      : await resolveAccount(deps.accounts, undefined, { ask: 'always', placeHolder: `Which saved account deletes "${target.label}"? (an organization admin)` });
  const typed = args
    ? optionalString(args, 'confirmName')
    : await vscode.window.showInputBox({ title: `Delete "${target.label}" in Pipefy`, prompt: `Type ${target.label} to delete it in Pipefy. Its secret and tokens stop working for good.`, ignoreFocusOut: true });
  if (typed === undefined && !args) throw new CommandCancelled();
  if (typed !== target.label) throw new CommandArgsError(`The name typed does not match "${target.label}"; nothing was deleted.`);
  const answer = await runAs(deps, acting, deleteServiceAccountBody(identity.organizationUuid, identity.uuid));
  answerOrFail(readDeletedServiceAccount(answer.status, answer.json), `Pipefy refused to delete "${target.label}"`, superAdminAdvice(acting.label));
  await removeAccount(deps, target);
  inform(`Pipefy: service account "${target.label}" deleted in Pipefy and removed here, with its secret and token.`);
  return { deleted: target.label };
}

/**
 * Add to Pipe: inviteMembers for a saved account's email, run with an admin's account. What the
 * PERMISSION_DENIED notice offers. Arguments: `{ accountId? | label?, pipeId, email?,
 * actingAccountId?, role? }`; without `actingAccountId` it asks which saved account acts.
 */
async function addToPipe(deps: CommandDeps, args: CommandArgs | undefined): Promise<{ readonly pipeId: string; readonly email: string }> {
  if (args) rejectUnknownKeys(args, [...ACCOUNT_SELECTOR_KEYS, 'pipeId', 'email', 'actingAccountId', 'role']);
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenMany', placeHolder: 'Which service account to add to a pipe?' });
  const pipeId = (args && optionalString(args, 'pipeId')) ?? (await vscode.window.showInputBox({ title: `Add "${account.label}" to a pipe`, prompt: 'Pipe ID', ignoreFocusOut: true }));
  if (!pipeId) throw new CommandCancelled();
  const email = (args && optionalString(args, 'email')) ?? account.serviceAccount?.email;
  if (!email) throw new CommandFailure(`The email of "${account.label}" is not known here; run its "me" query, then use "Write inviteMembers Request".`);
  const actingId = args && optionalString(args, 'actingAccountId');
  const others = deps.accounts.list().filter((candidate) => candidate.id !== account.id);
  const acting = actingId
    ? (deps.accounts.get(actingId) ?? failNoAccount(actingId))
    : await pickAccount(others, `Which saved account adds "${account.label}" to pipe ${pipeId}? (an admin of the pipe or the organization)`);
  const role = (args && optionalString(args, 'role')) || 'member';
  const answer = await runAs(deps, acting, inviteMembersBody(pipeId, email, role));
  answerOrFail(readInvitedMembers(answer.status, answer.json), `"${acting.label}" could not add "${account.label}" to pipe ${pipeId}`, `Only the organization's admins and the pipe's admins may add members: choose the account of one.`);
  inform(`Pipefy: "${account.label}" added to pipe ${pipeId} as ${role}, by "${acting.label}". Run the request again.`);
  return { pipeId, email };
}

/**
 * Remove from Pipe: removeMembersFromPipe for a service account made here (its uuid is known),
 * run with an admin's account, on a pipe that account sees. Arguments: `{ accountId? | label?,
 * pipeId, actingAccountId }`; without arguments it asks for each.
 */
async function removeFromPipe(deps: CommandDeps, args: CommandArgs | undefined): Promise<{ readonly pipeId: string }> {
  if (args) rejectUnknownKeys(args, [...ACCOUNT_SELECTOR_KEYS, 'pipeId', 'actingAccountId']);
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenMany', placeHolder: 'Which service account to take out of a pipe?' });
  const userUuid = account.serviceAccount?.uuid;
  if (!userUuid) throw new CommandFailure(`The uuid of "${account.label}" is not known here (it is kept only for accounts made with "Pipefy: Create Service Account"): remove it from the pipe in Pipefy's web app.`);
  const actingId = args && optionalString(args, 'actingAccountId');
  const others = deps.accounts.list().filter((candidate) => candidate.id !== account.id);
  const acting = actingId
    ? (deps.accounts.get(actingId) ?? failNoAccount(actingId))
    : await pickAccount(others, `Which saved account takes "${account.label}" out of a pipe? (an admin of the pipe or the organization)`);
  const organizations = answerOrFail(await runAs(deps, acting, organizationsBody).then(({ status, json }) => readOrganizations(status, json)), 'Listing the pipes', `"${acting.label}" may not list them: choose an admin's account.`);
  const pipes = organizations.flatMap((organization) => organization.pipes);
  const wanted = args && optionalString(args, 'pipeId');
  const pipe = wanted
    ? (pipes.find((candidate) => candidate.id === wanted) ?? failArgs(`"${acting.label}" sees no pipe ${wanted}.`))
    : await pickPipe(pipes, `Take "${account.label}" out of which pipe?`);
  if (!pipe.uuid) throw new CommandFailure(`Pipefy gave no uuid for pipe ${pipe.id}, and removeMembersFromPipe needs it: remove the account in Pipefy's web app.`);
  const answer = await runAs(deps, acting, removeMembersFromPipeBody(pipe.uuid, userUuid));
  answerOrFail(readRemovedMembers(answer.status, answer.json), `"${acting.label}" could not take "${account.label}" out of pipe ${pipe.id}`, `Only the organization's admins and the pipe's admins may remove members: choose the account of one.`);
  inform(`Pipefy: "${account.label}" removed from pipe ${pipe.id} (${pipe.name}), by "${acting.label}". It no longer sees that pipe.`);
  return { pipeId: pipe.id };
}

async function pickPipe(pipes: Organization['pipes'], placeHolder: string): Promise<Organization['pipes'][number]> {
  if (pipes.length === 0) throw new CommandFailure('The acting account sees no pipe.');
  const picked = await vscode.window.showQuickPick(pipes.map((pipe) => ({ label: pipe.name, description: `pipe ${pipe.id}`, pipe })), { placeHolder });
  if (!picked) throw new CommandCancelled();
  return picked.pipe;
}

/** ", where it sees …": the pipes an account lists with its own token, or why they could not be listed. */
async function pipesSeenBy(deps: CommandDeps, account: AccountMetadata): Promise<string> {
  const answer = await runAs(deps, account, organizationsBody).then(({ status, json }) => readOrganizations(status, json));
  if (!answer.ok) return ` (listing its pipes with its token failed: ${describeApiErrors(answer.errors)})`;
  const pipes = answer.value.flatMap((organization) => organization.pipes);
  return pipes.length ? `, where it sees ${pipes.map((pipe) => `${pipe.name} (${pipe.id})`).join(', ')}` : ', but it sees no pipe yet';
}

/** Pipefy's answer, or a failure that gives its errors as they came and, for a refusal of rights, what to do. */
function answerOrFail<T>(answer: ApiAnswer<T>, what: string, ifDenied: string): T {
  if (answer.ok) return answer.value;
  throw new CommandFailure(describeRefusal(answer.errors, what, ifDenied));
}

async function pickAccount(accounts: readonly AccountMetadata[], placeHolder: string): Promise<AccountMetadata> {
  if (accounts.length === 0) throw new CommandFailure('No other saved account can act: add an admin\'s service account first.');
  const picked = await vscode.window.showQuickPick(accounts.map((account) => ({ label: account.label, description: account.description, account })), { placeHolder });
  if (!picked) throw new CommandCancelled();
  return picked.account;
}

async function runAs(deps: CommandDeps, acting: AccountMetadata, body: GraphQLBody): Promise<{ status: number; json: unknown }> {
  const response = await accountRunner(deps, acting).run({ endpoint: acting.graphqlEndpoint, ...body });
  return { status: response.status, json: response.json };
}

async function chooseOrganization(organizations: readonly Organization[], args: CommandArgs | undefined): Promise<Organization> {
  const wanted = args && optionalString(args, 'organizationUuid');
  if (wanted) return organizations.find((organization) => organization.uuid === wanted) ?? failArgs(`No organization with uuid ${wanted} is visible to the acting account.`);
  if (organizations.length === 1 || (args && organizations.length > 0)) return organizations[0];
  if (organizations.length === 0) throw new CommandFailure('The acting account sees no organization.');
  const picked = await vscode.window.showQuickPick(organizations.map((organization) => ({ label: organization.name, description: organization.uuid, organization })), { title: 'Create Service Account', placeHolder: 'Which organization?' });
  if (!picked) throw new CommandCancelled();
  return picked.organization;
}

async function promptDraft(organization: Organization): Promise<ServiceAccountDraft> {
  const title = `Create Service Account in ${organization.name}`;
  const name = await vscode.window.showInputBox({ title, prompt: 'Name (at most 20 characters; Pipefy makes it into the account\'s email)', validateInput: (value) => checkServiceAccountName(value), ignoreFocusOut: true });
  if (name === undefined) throw new CommandCancelled();
  const description = await vscode.window.showInputBox({ title, prompt: 'Description (optional, at most 140 characters)', validateInput: (value) => (value.length > 140 ? `${value.length} characters; the limit is 140.` : undefined), ignoreFocusOut: true });
  if (description === undefined) throw new CommandCancelled();
  const role = (await vscode.window.showQuickPick([...SERVICE_ACCOUNT_ROLES], { title, placeHolder: 'Role in the organization' })) as ServiceAccountRole | undefined;
  if (!role) throw new CommandCancelled();
  const lifetimeText = await vscode.window.showInputBox({
    title,
    prompt: `Token lifetime, e.g. "1 hour" or "30 days" (${LIFETIME_UNITS.slice(1).join(', ')}): from 5 minutes to 30 days, never changed afterwards`,
    validateInput: (value) => parseLifetime(value).problem,
    ignoreFocusOut: true,
  });
  if (lifetimeText === undefined) throw new CommandCancelled();
  const { lifetime } = parseLifetime(lifetimeText);
  return { organizationUuid: organization.uuid, name, description: description || undefined, role, lifetime: lifetime ?? { unit: 'minutes', value: NaN } };
}

async function confirmCreation(draft: ServiceAccountDraft, organization: Organization, acting: AccountMetadata): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    `Create the service account "${draft.name.trim()}" in ${organization.name}?`,
    {
      modal: true,
      detail: `Role: ${draft.role}. Token lifetime: ${describeLifetime(draft.lifetime)}; it can never be changed afterwards. Created with "${acting.label}". Its client secret goes straight into SecretStorage and is never shown.`,
    },
    'Create',
  );
  if (choice !== 'Create') throw new CommandCancelled();
}

async function choosePipes(organization: Organization): Promise<string[]> {
  if (organization.pipes.length === 0) return [];
  const picked = await vscode.window.showQuickPick(
    organization.pipes.map((pipe) => ({ label: pipe.name, description: `pipe ${pipe.id}`, id: pipe.id })),
    { title: 'Add the new account to pipes (as member)', placeHolder: 'A new service account sees no pipe until it is added to one', canPickMany: true },
  );
  return picked?.map((pipe) => pipe.id) ?? [];
}

/**
 * Pipefy deletes a service account by its uuid, which no query lists: known for accounts made here,
 * otherwise entered once (Pipefy's web app shows it), with the organization's uuid.
 */
async function identityGiven(args: CommandArgs | undefined, target: AccountMetadata): Promise<ServiceAccountIdentity> {
  const unknown = `The uuid of "${target.label}" is not known here (it is kept only for accounts made with "Pipefy: Create Service Account").`;
  if (args) {
    const uuid = optionalString(args, 'serviceAccountUuid');
    const organizationUuid = optionalString(args, 'organizationUuid');
    if (!uuid || !organizationUuid) throw new CommandArgsError(`${unknown} Pass "serviceAccountUuid" and "organizationUuid".`);
    return { uuid, organizationUuid };
  }
  const uuid = await vscode.window.showInputBox({ title: `Delete "${target.label}" in Pipefy`, prompt: `${unknown} Its uuid, from Pipefy's web app:`, ignoreFocusOut: true });
  if (!uuid?.trim()) throw new CommandCancelled();
  const organizationUuid = await vscode.window.showInputBox({ title: `Delete "${target.label}" in Pipefy`, prompt: 'The uuid of its organization:', ignoreFocusOut: true });
  if (!organizationUuid?.trim()) throw new CommandCancelled();
  return { uuid: uuid.trim(), organizationUuid: organizationUuid.trim() };
}

/** With arguments and no acting account named, the active one acts, if it is not the one going. */
function activeOtherThan(deps: CommandDeps, target: AccountMetadata): AccountMetadata | undefined {
  const active = deps.accounts.active();
  return active && active.id !== target.id ? active : undefined;
}

function failArgs(message: string): never {
  throw new CommandArgsError(message);
}

function failNoAccount(id: string): never {
  throw new CommandArgsError(`No saved account has the id ${id}.`);
}
