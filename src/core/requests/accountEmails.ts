import type { AccountMetadata } from '../accounts/account';
import type { AccountEmailLookup } from '../graphql/accountEmail';
import type { GraphQLErrorSummary } from '../graphql/errorEnvelope';
import { adviceNeedsAccountEmail, meEmailIn } from './errorAdvice';

/**
 * The service accounts' emails, as `me` gave them, for this window's lifetime. An email belongs to
 * a client ID at a host, so an account edited to another client or endpoint is looked up again.
 */
export class AccountEmails {
  private readonly known = new Map<string, string>();

  remember(account: AccountMetadata, email: string): void {
    this.known.set(keyOf(account), email);
  }

  /**
   * The email a run's advice needs: none unless its errors call for naming the account
   * (PERMISSION_DENIED). A run of `me` against the account's own endpoint teaches it first, so
   * that run needs no lookup; otherwise it is the email already known, else what `lookup` finds.
   */
  async forAdvice(
    account: AccountMetadata,
    run: { readonly endpoint: string; readonly json: unknown; readonly errors: readonly GraphQLErrorSummary[] },
    lookup: () => Promise<AccountEmailLookup>,
  ): Promise<AccountEmailLookup | undefined> {
    const meEmail = run.endpoint === account.graphqlEndpoint ? meEmailIn(run.json) : undefined;
    if (meEmail) this.remember(account, meEmail);
    return adviceNeedsAccountEmail(run.errors) ? this.emailOf(account, lookup) : undefined;
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
