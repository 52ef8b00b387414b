import { DESCRIPTION_MAX_LENGTH, LABEL_MAX_LENGTH, LIFETIME_MAX_SECONDS, LIFETIME_MIN_SECONDS } from '../accounts/account';

/** The roles Pipefy gives a service account in its organization. */
export const SERVICE_ACCOUNT_ROLES = ['admin', 'normal', 'company_guest', 'external_guest'] as const;
export type ServiceAccountRole = (typeof SERVICE_ACCOUNT_ROLES)[number];

/** The units of `expirationTime` in createServiceAccount. */
export const LIFETIME_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type LifetimeUnit = (typeof LIFETIME_UNITS)[number];
const UNIT_SECONDS: Readonly<Record<LifetimeUnit, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

export interface Lifetime {
  readonly unit: LifetimeUnit;
  readonly value: number;
}

/** What createServiceAccount takes, as the user gave it. */
export interface ServiceAccountDraft {
  readonly organizationUuid: string;
  readonly name: string;
  readonly description?: string;
  readonly role: ServiceAccountRole;
  readonly lifetime: Lifetime;
}

export interface DraftProblem {
  readonly field: keyof ServiceAccountDraft;
  readonly message: string;
}

/**
 * Pipefy makes the name into the account's email address, so it keeps to what an address can
 * hold: letters, digits, spaces, dots, hyphens and underscores.
 */
const NAME_CHARACTERS = /^[A-Za-z0-9 ._-]+$/;

export function lifetimeSeconds(lifetime: Lifetime): number {
  return lifetime.value * UNIT_SECONDS[lifetime.unit];
}

export function checkServiceAccountName(name: string): string | undefined {
  const text = name.trim();
  if (!text) return 'The name is empty. Pipefy makes it into the account\'s email address: give a short one such as "reports-bot".';
  if (text.length > LABEL_MAX_LENGTH) return `The name has ${text.length} characters; Pipefy allows ${LABEL_MAX_LENGTH}, as it becomes an email address.`;
  if (!NAME_CHARACTERS.test(text)) return 'The name may hold only letters, digits, spaces, dots, hyphens and underscores: Pipefy makes it into an email address.';
  return undefined;
}

export function checkLifetime(lifetime: Lifetime): string | undefined {
  const seconds = Number.isInteger(lifetime.value) && (LIFETIME_UNITS as readonly string[]).includes(lifetime.unit) ? lifetimeSeconds(lifetime) : NaN;
  if (!(seconds >= LIFETIME_MIN_SECONDS && seconds <= LIFETIME_MAX_SECONDS)) {
    return 'The token lifetime must be a whole number of minutes, hours or days between 5 minutes and 30 days. It can never be changed once the account exists.';
  }
  return undefined;
}

/** Every problem with a draft, in the order the prompts ask; empty when Pipefy may be asked. */
export function checkServiceAccountDraft(draft: ServiceAccountDraft): DraftProblem[] {
  const checks: Array<[keyof ServiceAccountDraft, string | undefined]> = [
    ['organizationUuid', draft.organizationUuid.trim() ? undefined : 'Choose the organization the account belongs to.'],
    ['name', checkServiceAccountName(draft.name)],
    ['description', draft.description && draft.description.length > DESCRIPTION_MAX_LENGTH ? `The description has ${draft.description.length} characters; the limit is ${DESCRIPTION_MAX_LENGTH}.` : undefined],
    ['role', (SERVICE_ACCOUNT_ROLES as readonly string[]).includes(draft.role) ? undefined : `The role must be one of ${SERVICE_ACCOUNT_ROLES.join(', ')}.`],
    ['lifetime', checkLifetime(draft.lifetime)],
  ];
  return checks.flatMap(([field, message]) => (message ? [{ field, message }] : []));
}

/** `7 days`, `1 hour`: the lifetime as the summary states it. */
export function describeLifetime(lifetime: Lifetime): string {
  const unit = lifetime.value === 1 ? lifetime.unit.replace(/s$/, '') : lifetime.unit;
  return `${lifetime.value} ${unit}`;
}

/** `30 days`, `1 hour`, `90 minutes` as the prompt takes it; the problem is what the prompt shows. */
export function parseLifetime(text: string): { lifetime?: Lifetime; problem?: string } {
  const match = /^\s*(\d+)\s*(second|minute|hour|day)s?\s*$/i.exec(text);
  if (!match) return { problem: 'Write a number and a unit, such as "1 hour" or "30 days".' };
  const lifetime: Lifetime = { value: Number(match[1]), unit: `${match[2].toLowerCase()}s` as LifetimeUnit };
  const problem = checkLifetime(lifetime);
  return problem ? { problem } : { lifetime };
}
