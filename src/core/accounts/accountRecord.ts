import * as v from 'valibot';
import type { AccountMetadata } from './account';
import { isAccountMetadata } from './storedAccount';

/**
 * The saved accounts and the default one, as the account store keeps them in SecretStorage (no
 * secret in it: each client secret has a key of its own). Global state holds the same list as a
 * mirror that can be read synchronously; this record is what counts when the two differ, because
 * in a browser (code-server) global state reaches disk a moment after the write has resolved and a
 * tab reloaded in that moment loses it, while SecretStorage is written at once.
 */
export interface AccountRecord {
  readonly accounts: readonly AccountMetadata[];
  readonly defaultAccountId?: string;
}

const RecordSchema = v.object({
  accounts: v.array(v.unknown()),
  defaultAccountId: v.optional(v.string()),
});

export function serializeAccountRecord(record: AccountRecord): string {
  return JSON.stringify({ accounts: record.accounts, defaultAccountId: record.defaultAccountId });
}

/** The record kept, or undefined when none is kept or it cannot be read (then the mirror stands). */
export function parseAccountRecord(text: string | undefined): AccountRecord | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(RecordSchema, json);
  if (!parsed.success) return undefined;
  return { accounts: parsed.output.accounts.filter(isAccountMetadata), defaultAccountId: parsed.output.defaultAccountId };
}

/**
 * What start-up does with the record and the mirror:
 * - `inStep`: they agree;
 * - `restore`: the record has what the mirror lost (a reload right after a save), so the mirror is rewritten from it;
 * - `keep`: no record yet (accounts saved by a version without one), so the record is written from the mirror.
 */
export type AccountRecordReconciliation =
  | { readonly kind: 'inStep' }
  | { readonly kind: 'restore'; readonly record: AccountRecord }
  | { readonly kind: 'keep'; readonly record: AccountRecord };

export function reconcileAccountRecord(kept: AccountRecord | undefined, mirror: AccountRecord): AccountRecordReconciliation {
  if (!kept) return mirror.accounts.length ? { kind: 'keep', record: mirror } : { kind: 'inStep' };
  return serializeAccountRecord(kept) === serializeAccountRecord(mirror) ? { kind: 'inStep' } : { kind: 'restore', record: kept };
}
