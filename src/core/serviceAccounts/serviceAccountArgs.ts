import { CommandArgsError, type CommandArgs, optionalNumber, optionalString } from '../commands/commandArgs';
import type { GraphQLErrorSummary } from '../graphql/errorEnvelope';
import { describeApiErrors } from './apiErrors';
import type { Organization } from './serviceAccountApi';
import type { LifetimeUnit, ServiceAccountDraft, ServiceAccountRole } from './serviceAccountDraft';

/**
 * What the service-account commands read from an arguments object, and how they word Pipefy's
 * refusals. The draft is checked afterwards by checkServiceAccountDraft, with the same messages
 * as the prompts.
 */
export function draftFromArgs(args: CommandArgs, organization: Organization): ServiceAccountDraft {
  const unit = optionalString(args, 'lifetimeUnit') ?? '';
  return {
    organizationUuid: organization.uuid,
    name: optionalString(args, 'name') ?? '',
    description: optionalString(args, 'description'),
    role: (optionalString(args, 'role') ?? 'normal') as ServiceAccountRole,
    lifetime: { unit: unit as LifetimeUnit, value: optionalNumber(args, 'lifetimeValue') ?? NaN },
  };
}

export function pipeIdsArg(args: CommandArgs): string[] {
  const value = args.pipeIds;
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' || typeof id === 'number')) throw new CommandArgsError('"pipeIds" must be an array of pipe IDs.');
  return value.map(String);
}

/** Pipefy's errors as they came and, for a refusal of rights, what to do. */
export function describeRefusal(errors: readonly GraphQLErrorSummary[], what: string, ifDenied: string): string {
  const refusedForRights = errors.some((error) => error.code === 'PERMISSION_DENIED');
  return `${what}: ${describeApiErrors(errors)}${refusedForRights ? ` ${ifDenied}` : ''}`;
}

export function superAdminAdvice(actingLabel: string): string {
  return `Only a Super Admin may manage service accounts, and "${actingLabel}" is not accepted as one: use an admin's account, or Pipefy's web app (Members and Permissions → Service Accounts).`;
}
