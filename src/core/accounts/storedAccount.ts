import * as v from 'valibot';
import { type AccountMetadata, CLIENT_AUTH_MODES } from './account';

/** What global state must hold for an account to be listed; a hand-edited or older entry without it is skipped. */
const StoredAccountSchema = v.object({
  id: v.string(),
  label: v.string(),
  tokenEndpoint: v.string(),
  graphqlEndpoint: v.string(),
  clientId: v.string(),
  authMode: v.picklist(CLIENT_AUTH_MODES),
});

export function isAccountMetadata(value: unknown): value is AccountMetadata {
  return v.is(StoredAccountSchema, value);
}
