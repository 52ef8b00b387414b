import type { AccountMetadata } from '../accounts/account';
import type { AccountEmailLookup } from '../graphql/accountEmail';

/**
 * The service accounts' emails, as `me` gave them, for this window's lifetime. An email belongs to
 * a client ID at a host, so an account edited to another client or endpoint is looked up again.
 */
export class AccountEmails {
  private readonly known = new Map<string, string>();

  remember(account: AccountMetadata, email: string): void {
    this.known.set(keyOf(account), email);
  }

  /** The email already known, else what `lookup` finds (remembered when found). */
  async emailOf(account: AccountMetadata, lookup: () => Promise<AccountEmailLookup>): Promise<AccountEmailLookup> {
    const known = this.known.get(keyOf(account));
    if (known) return { email: known };
    const found = await lookup();
    if ('email' in found) this.remember(account, found.email);
    return found;
  }
}

function keyOf(account: AccountMetadata): string {
  return JSON.stringify([account.id, account.clientId, account.graphqlEndpoint]);
}
