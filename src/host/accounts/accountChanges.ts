import { AccountDraft, AccountMetadata, changesInvalidateToken } from '../../core/accounts/account';
import type { Log } from '../log';
import type { TokenService } from '../tokens/tokenService';
import type { AccountStore } from './accountStore';

export interface AccountChangeDeps {
  readonly accounts: AccountStore;
  readonly tokens: TokenService;
  readonly log: Log;
}

export interface SavedAccount {
  readonly account: AccountMetadata;
  readonly added: boolean;
  /** True when the edit touched the endpoint, client ID, secret or auth mode, so the cached token was dropped. */
  readonly tokenCleared: boolean;
}

const FIELD_NAMES: ReadonlyArray<[keyof Omit<AccountMetadata, 'id'>, string]> = [
  ['label', 'label'],
  ['description', 'description'],
  ['tokenEndpoint', 'token endpoint'],
  ['graphqlEndpoint', 'GraphQL endpoint'],
  ['clientId', 'client ID'],
  ['authMode', 'auth mode'],
  ['lifetimeHintSeconds', 'lifetime hint'],
];

/**
 * Adds (no id) or edits (id) an account the way every entry point must: the secret is known to the
 * log's redactor before anything is logged, an edit to the credentials drops the cached token
 * (it was got with the old ones), and the log says what changed without the secret.
 */
export async function saveAccount(deps: AccountChangeDeps, draft: AccountDraft, id?: string): Promise<SavedAccount> {
  deps.log.redactor.remember(draft.clientSecret);
  const { account, previous, secretChanged } = await deps.accounts.save(draft, id);
  if (!previous) {
    deps.log.info(
      `Service account "${account.label}" added (token endpoint ${account.tokenEndpoint}, GraphQL endpoint ${account.graphqlEndpoint}, auth mode ${account.authMode}).`,
    );
    return { account, added: true, tokenCleared: false };
  }
  const tokenCleared = changesInvalidateToken(previous, account, secretChanged);
  if (tokenCleared) await deps.tokens.clear(account.id);
  const changed = FIELD_NAMES.filter(([field]) => previous[field] !== account[field]).map(([, name]) => name);
  if (secretChanged) changed.push('client secret');
  deps.log.info(
    `Service account "${account.label}" edited (${changed.length ? changed.join(', ') : 'nothing changed'})${tokenCleared ? '; its cached token was dropped' : ''}.`,
  );
  return { account, added: false, tokenCleared };
}

/** Removes an account with everything kept for it: metadata, client secret and cached token. */
export async function removeAccount(deps: AccountChangeDeps, account: AccountMetadata): Promise<void> {
  await deps.tokens.clear(account.id);
  await deps.accounts.remove(account.id);
  deps.log.info(`Service account "${account.label}" removed, with its client secret and cached token.`);
}
