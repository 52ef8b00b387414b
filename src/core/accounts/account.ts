/** The service-account model. The secret is never part of the stored metadata: it lives in SecretStorage alone. */

export const CLIENT_AUTH_MODES = ['form', 'json', 'basic'] as const;
export type ClientAuthMode = (typeof CLIENT_AUTH_MODES)[number];

export const DEFAULT_TOKEN_ENDPOINT = 'https://app.pipefy.com/oauth/token';
export const DEFAULT_GRAPHQL_ENDPOINT = 'https://api.pipefy.com/graphql';

export const LABEL_MAX_LENGTH = 20;
export const DESCRIPTION_MAX_LENGTH = 140;
export const LIFETIME_MIN_SECONDS = 5 * 60;
export const LIFETIME_MAX_SECONDS = 30 * 24 * 60 * 60;

/** What is kept in global state: everything but the secret. */
export interface AccountMetadata {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tokenEndpoint: string;
  readonly graphqlEndpoint: string;
  readonly clientId: string;
  readonly authMode: ClientAuthMode;
  /** What the user says the token lifetime is; only a hint, the token response decides. */
  readonly lifetimeHintSeconds?: number;
  /** For an account made with Create Service Account (or whose uuid was given): what deleting it in Pipefy takes. */
  readonly serviceAccount?: ServiceAccountIdentity;
}

export interface ServiceAccountIdentity {
  readonly organizationUuid: string;
  readonly uuid: string;
  readonly email?: string;
}

/** What the user submits when adding or editing an account. */
export interface AccountDraft extends Omit<AccountMetadata, 'id'> {
  readonly clientSecret: string;
}

export function isClientAuthMode(value: unknown): value is ClientAuthMode {
  return typeof value === 'string' && (CLIENT_AUTH_MODES as readonly string[]).includes(value);
}

export const CLIENT_AUTH_MODE_LABELS: Record<ClientAuthMode, string> = {
  form: 'Form body (client_secret_post)',
  json: 'JSON body',
  basic: 'HTTP Basic (client_secret_basic)',
};

/** Fields whose change makes a cached token meaningless: a token got with the old credentials or endpoint must not be used for the new ones. */
export function changesInvalidateToken(before: AccountMetadata, after: Omit<AccountMetadata, 'id'>, secretChanged: boolean): boolean {
  return (
    secretChanged ||
    before.tokenEndpoint !== after.tokenEndpoint ||
    before.clientId !== after.clientId ||
    before.authMode !== after.authMode
  );
}
