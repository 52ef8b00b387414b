import {
  AccountDraft,
  type AccountMetadata,
  DESCRIPTION_MAX_LENGTH,
  LABEL_MAX_LENGTH,
  LIFETIME_MAX_SECONDS,
  LIFETIME_MIN_SECONDS,
  isClientAuthMode,
} from './account';
import { checkEndpointUrl } from './endpointUrl';

export type AccountField = keyof AccountDraft;

export interface FieldProblem {
  readonly field: AccountField;
  readonly message: string;
}

export function checkLabel(label: string): string | undefined {
  const text = label.trim();
  if (!text) return 'The label is empty. Give the account a short name such as "prod" or "sandbox".';
  if (text.length > LABEL_MAX_LENGTH) {
    return `The label has ${text.length} characters; the limit is ${LABEL_MAX_LENGTH} (Pipefy turns service-account names into email addresses).`;
  }
  return undefined;
}

/** A label names one account among those saved (commands pick accounts by it, case aside); `ownId` is the account being edited. */
export function checkLabelAmong(label: string, saved: ReadonlyArray<Pick<AccountMetadata, 'id' | 'label'>>, ownId?: string): string | undefined {
  const problem = checkLabel(label);
  if (problem) return problem;
  const wanted = label.trim().toLowerCase();
  const clash = saved.find((account) => account.label.toLowerCase() === wanted && account.id !== ownId);
  return clash && `An account labelled "${clash.label}" already exists. Choose another label.`;
}

export function checkDescription(description: string | undefined): string | undefined {
  if (description !== undefined && description.length > DESCRIPTION_MAX_LENGTH) {
    return `The description has ${description.length} characters; the limit is ${DESCRIPTION_MAX_LENGTH}.`;
  }
  return undefined;
}

export function checkLifetimeHint(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (!Number.isFinite(seconds) || seconds < LIFETIME_MIN_SECONDS || seconds > LIFETIME_MAX_SECONDS) {
    return 'The token lifetime must be between 5 minutes and 30 days, as Pipefy allows when the service account is created.';
  }
  return undefined;
}

export function checkClientId(clientId: string): string | undefined {
  return clientId.trim() ? undefined : 'The client ID is empty. Copy it from the service account page in Pipefy.';
}

export function checkClientSecret(secret: string): string | undefined {
  return secret.trim()
    ? undefined
    : 'The client secret is empty. Pipefy shows a secret only once; if it was lost, create a new one for the service account.';
}

/**
 * Every problem with a draft, one message per field, in form order. Empty when the draft can be
 * saved. `saved` and `ownId`: the accounts whose labels it must not repeat, and its own id on edit.
 */
export function validateAccountDraft(draft: AccountDraft, saved: ReadonlyArray<Pick<AccountMetadata, 'id' | 'label'>> = [], ownId?: string): FieldProblem[] {
  const checks: Array<[AccountField, string | undefined]> = [
    ['label', checkLabelAmong(draft.label, saved, ownId)],
    ['description', checkDescription(draft.description)],
    ['tokenEndpoint', checkEndpointUrl(draft.tokenEndpoint, 'token endpoint')],
    ['graphqlEndpoint', checkEndpointUrl(draft.graphqlEndpoint, 'GraphQL endpoint')],
    ['clientId', checkClientId(draft.clientId)],
    ['clientSecret', checkClientSecret(draft.clientSecret)],
    ['authMode', isClientAuthMode(draft.authMode) ? undefined : 'The client authentication mode must be form, json or basic.'],
    ['lifetimeHintSeconds', checkLifetimeHint(draft.lifetimeHintSeconds)],
  ];
  return checks.flatMap(([field, message]) => (message ? [{ field, message }] : []));
}
