import type { AccountMetadata } from '../../core/accounts/account';
import type { AccountStore } from '../accounts/accountStore';
import { pickAccount } from './accountPrompts';
import { CommandArgs, optionalString } from '../../core/commands/commandArgs';
import { CommandFailure } from './commandRunner';

export const ACCOUNT_SELECTOR_KEYS = ['accountId', 'label'] as const;

export function noAccountFailure(): CommandFailure {
  return new CommandFailure('There is no service account yet. Add one first.', [{ title: 'Add Service Account', command: 'pipefy.addAccount' }]);
}

/** The account the arguments name by `accountId` or `label`, undefined when they name none; an unknown one is an error. */
export function namedAccount(accounts: AccountStore, args: CommandArgs | undefined): AccountMetadata | undefined {
  const accountId = args && optionalString(args, 'accountId');
  const label = args && optionalString(args, 'label');
  if (accountId) {
    const account = accounts.get(accountId);
    if (!account) throw new CommandFailure(`No service account has the id "${accountId}"; it may have been removed.`);
    return account;
  }
  if (label) {
    const account = accounts.findByLabel(label);
    if (!account) throw new CommandFailure(`No service account is labelled "${label}". ${savedLabels(accounts)}`);
    return account;
  }
  return undefined;
}

/**
 * Which account a command acts on: `accountId` or `label` from the arguments; else, when run by
 * hand, a quick pick as `ask` says; else the active account (a pick if there is none).
 */
export async function resolveAccount(
  accounts: AccountStore,
  args: CommandArgs | undefined,
  options: { readonly ask: 'always' | 'whenMany' | 'whenNoActive'; readonly placeHolder: string },
): Promise<AccountMetadata> {
  const named = namedAccount(accounts, args);
  if (named) return named;
  const all = accounts.list();
  if (all.length === 0) throw noAccountFailure();
  const active = accounts.active();
  if (args) {
    if (active) return active;
    throw new CommandFailure(`No service account is active. Pass "accountId" or "label", or run "Pipefy: Switch Service Account". ${savedLabels(accounts)}`);
  }
  if (options.ask === 'always' || (options.ask === 'whenMany' && all.length > 1)) return pickAccount(accounts, options.placeHolder);
  return active ?? (all.length === 1 ? all[0] : pickAccount(accounts, options.placeHolder));
}

function savedLabels(accounts: AccountStore): string {
  const labels = accounts.list().map((a) => `"${a.label}"`);
  return labels.length ? `Saved accounts: ${labels.join(', ')}.` : 'There are no saved accounts.';
}
