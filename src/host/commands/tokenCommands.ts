import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import type { CachedToken } from '../../core/token/cachedToken';
import { describeExpiry } from '../../core/token/indicatorView';
import { CommandArgs, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandDeps, inform, registerCommand } from './commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from './resolveAccount';

/**
 * What token commands hand back: when the token was obtained and when it expires (epoch ms),
 * never the token itself (other extensions use the AuthenticationProvider).
 */
export interface TokenInfo {
  readonly accountId: string;
  readonly label: string;
  readonly obtainedAt: number;
  /** Absent when the token response gave no lifetime. */
  readonly expiresAt?: number;
}

export function registerTokenCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps, 'pipefy.getToken', (args) => getToken(deps, args, false)),
    registerCommand(deps, 'pipefy.refreshToken', (args) => getToken(deps, args, true)),
    registerCommand(deps, 'pipefy.copyToken', (args) => copyToken(deps, args)),
    registerCommand(deps, 'pipefy.clearToken', (args) => clearToken(deps, args)),
  ];
}

async function accountFor(deps: CommandDeps, args: CommandArgs | undefined): Promise<AccountMetadata> {
  if (args) rejectUnknownKeys(args, ACCOUNT_SELECTOR_KEYS);
  return resolveAccount(deps.accounts, args, { ask: 'whenNoActive', placeHolder: 'Which service account?' });
}

/**
 * Get Token (reuses a valid token) and Refresh Token (always asks the endpoint). Arguments:
 * `{ accountId? | label? }`. Returns TokenInfo.
 */
async function getToken(deps: CommandDeps, args: CommandArgs | undefined, forceRefresh: boolean): Promise<TokenInfo> {
  const account = await accountFor(deps, args);
  const acquired = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Pipefy: ${forceRefresh ? 'refreshing' : 'getting'} the token for "${account.label}"` },
    () => deps.tokens.acquire(account, { forceRefresh }),
  );
  if (!acquired.ok) throw acquired.error;
  const { token, reissued, renewalFailure } = acquired;
  const expiry = describeExpiry(token, Date.now());
  if (renewalFailure !== undefined) {
    // The renewal failed but the token in hand is still valid, so it stays in use.
    const reason = renewalFailure instanceof Error ? renewalFailure.message : String(renewalFailure);
    void vscode.window.showWarningMessage(
      `Pipefy: renewing the token for "${account.label}" failed (${deps.log.redactor.redact(reason)}); the current token is still valid and ${expiry}.`,
    );
  } else if (forceRefresh && reissued) {
    inform(`Pipefy: token for "${account.label}" ready, ${expiry}. The endpoint returned the same token, as it does while a token is still valid.`);
  } else {
    inform(`Pipefy: token for "${account.label}" ready, ${expiry}.`, [{ title: 'Copy Token', command: 'pipefy.copyToken' }]);
  }
  return tokenInfo(account, token);
}

/** Copy Token: a valid token (fetched if needed) to the clipboard. Arguments: `{ accountId? | label? }`. Returns TokenInfo. */
async function copyToken(deps: CommandDeps, args: CommandArgs | undefined): Promise<TokenInfo> {
  const account = await accountFor(deps, args);
  const token = await deps.tokens.tokenFor(account);
  await vscode.env.clipboard.writeText(token.accessToken);
  deps.log.info(`Token for "${account.label}" copied to the clipboard.`);
  inform(`Pipefy: token for "${account.label}" copied; it ${describeExpiry(token, Date.now())}.`);
  return tokenInfo(account, token);
}

/** Clear Token: drops the cached token. Arguments: `{ accountId? | label? }`. Returns `{ accountId, label, cleared: true }`. */
async function clearToken(deps: CommandDeps, args: CommandArgs | undefined): Promise<{ accountId: string; label: string; cleared: true }> {
  const account = await accountFor(deps, args);
  await deps.tokens.clear(account.id);
  inform(`Pipefy: token for "${account.label}" cleared. The next request gets a new one.`);
  return { accountId: account.id, label: account.label, cleared: true };
}

function tokenInfo(account: AccountMetadata, token: CachedToken): TokenInfo {
  return { accountId: account.id, label: account.label, obtainedAt: token.obtainedAt, expiresAt: token.expiresAt };
}
