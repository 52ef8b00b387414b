import * as v from 'valibot';
import {
  type AccountDraft,
  type AccountMetadata,
  CLIENT_AUTH_MODES,
  DESCRIPTION_MAX_LENGTH,
  LABEL_MAX_LENGTH,
  LIFETIME_MAX_SECONDS,
  LIFETIME_MIN_SECONDS,
} from './account';
import { checkEndpointUrl } from './endpointUrl';

export type AccountField = keyof AccountDraft;

export interface FieldProblem {
  readonly field: AccountField;
  readonly message: string;
}

type SavedLabels = ReadonlyArray<Pick<AccountMetadata, 'id' | 'label'>>;

/** A check that words its own problem (or says nothing), as a step of a schema. */
const worded = <T>(problemOf: (value: T) => string | undefined) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? problemOf(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  });

/** Spaces around the label do not count. */
const LabelSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('The label is empty. Give the account a short name such as "prod" or "sandbox".'),
  v.maxLength(LABEL_MAX_LENGTH, (issue) => `The label has ${issue.received} characters; the limit is ${LABEL_MAX_LENGTH} (Pipefy turns service-account names into email addresses).`),
);

/** A label names one account among those saved (commands pick accounts by it, case aside); `ownId` is the account being edited. */
const labelAmong = (saved: SavedLabels, ownId: string | undefined) =>
  v.pipe(
    LabelSchema,
    worded((label: string) => {
      const clash = saved.find((account) => account.label.toLowerCase() === label.toLowerCase() && account.id !== ownId);
      return clash && `An account labelled "${clash.label}" already exists. Choose another label.`;
    }),
  );

const DescriptionSchema = v.optional(
  v.pipe(v.string(), v.maxLength(DESCRIPTION_MAX_LENGTH, (issue) => `The description has ${issue.received} characters; the limit is ${DESCRIPTION_MAX_LENGTH}.`)),
);

const endpoint = (what: string) => v.pipe(v.string(), worded((url: string) => checkEndpointUrl(url, what)));

const ClientIdSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('The client ID is empty. Copy it from the service account page in Pipefy.'));

const ClientSecretSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('The client secret is empty. Pipefy shows a secret only once; if it was lost, create a new one for the service account.'),
);

const AuthModeSchema = v.picklist(CLIENT_AUTH_MODES, 'The client authentication mode must be form, json or basic.');

const LIFETIME_RANGE = 'The token lifetime must be between 5 minutes and 30 days, as Pipefy allows when the service account is created.';
const LifetimeHintSchema = v.optional(v.pipe(v.number(LIFETIME_RANGE), v.minValue(LIFETIME_MIN_SECONDS, LIFETIME_RANGE), v.maxValue(LIFETIME_MAX_SECONDS, LIFETIME_RANGE)));

/** The fields in form order, which is the order their problems are listed in. */
const accountDraftSchema = (saved: SavedLabels, ownId: string | undefined) =>
  v.object({
    label: labelAmong(saved, ownId),
    description: DescriptionSchema,
    tokenEndpoint: endpoint('token endpoint'),
    graphqlEndpoint: endpoint('GraphQL endpoint'),
    clientId: ClientIdSchema,
    clientSecret: ClientSecretSchema,
    authMode: AuthModeSchema,
    lifetimeHintSeconds: LifetimeHintSchema,
  } satisfies Partial<Record<AccountField, v.GenericSchema>>);

/** The first problem only: a prompt shows one message at a time. */
function firstProblem(schema: v.GenericSchema, value: unknown): string | undefined {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  return result.success ? undefined : result.issues[0].message;
}

export function checkLabelAmong(label: string, saved: SavedLabels, ownId?: string): string | undefined {
  return firstProblem(labelAmong(saved, ownId), label);
}

export function checkDescription(description: string | undefined): string | undefined {
  return firstProblem(DescriptionSchema, description);
}

export function checkLifetimeHint(seconds: number | undefined): string | undefined {
  return firstProblem(LifetimeHintSchema, seconds);
}

export function checkClientId(clientId: string): string | undefined {
  return firstProblem(ClientIdSchema, clientId);
}

export function checkClientSecret(secret: string): string | undefined {
  return firstProblem(ClientSecretSchema, secret);
}

/**
 * Every problem with a draft, one message per field, in form order. Empty when the draft can be
 * saved. `saved` and `ownId`: the accounts whose labels it must not repeat, and its own id on edit.
 */
export function validateAccountDraft(draft: AccountDraft, saved: SavedLabels = [], ownId?: string): FieldProblem[] {
  const result = v.safeParse(accountDraftSchema(saved, ownId), draft, { abortPipeEarly: true });
  return (result.issues ?? []).map((issue) => ({ field: issue.path?.[0].key as AccountField, message: issue.message }));
}
