import * as vscode from 'vscode';
import { TOKEN_ACTIONS_COMMAND } from '../statusBar/statusBarTokenIndicator';
import { showTokenActions } from '../statusBar/tokenActions';
import type { ActiveTokenState } from '../tokens/activeTokenState';
import { TryItPanel } from '../tryIt/tryItPanel';
import { CommandArgs, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandDeps, registerCommand } from './commandRunner';
import { ACCOUNT_SELECTOR_KEYS, namedAccount } from './resolveAccount';

/** `state` is asked for only when the token actions run, so registering builds nothing. */
export function registerGeneralCommands(deps: CommandDeps, state: () => ActiveTokenState): vscode.Disposable[] {
  return [
    registerCommand(deps, 'pipefy.showLogs', () => deps.log.show()),
    registerCommand(deps, 'pipefy.openTryIt', (args) => openTryIt(deps, args)),
    registerCommand(deps, TOKEN_ACTIONS_COMMAND, () => showTokenActions(state())),
  ];
}

/**
 * Open Try It. Arguments: `{ accountId? | label? }` to show a saved account. Without one it shows
 * the active account, even in a panel already open on another: what the user just chose (an
 * account added or switched to) is what the panel sends for.
 */
function openTryIt(deps: CommandDeps, args: CommandArgs | undefined): void {
  if (args) rejectUnknownKeys(args, ACCOUNT_SELECTOR_KEYS);
  TryItPanel.show(deps, { accountId: namedAccount(deps.accounts, args)?.id ?? deps.accounts.active()?.id });
}
