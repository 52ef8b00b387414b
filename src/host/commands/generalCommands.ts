import * as vscode from 'vscode';
import { TOKEN_ACTIONS_COMMAND } from '../statusBar/statusBarTokenIndicator';
import { showTokenActions } from '../statusBar/tokenActions';
import type { ActiveTokenState } from '../tokens/activeTokenState';
import { TryItPanel } from '../tryIt/tryItPanel';
import { CommandArgs, optionalString, rejectUnknownKeys } from './commandArgs';
import { CommandDeps, CommandFailure, registerCommand } from './commandRunner';
import { ACCOUNT_SELECTOR_KEYS } from './resolveAccount';

/** `state` is asked for only when the token actions run, so registering builds nothing. */
export function registerGeneralCommands(deps: CommandDeps, state: () => ActiveTokenState): vscode.Disposable[] {
  return [
    registerCommand(deps, 'pipefy.showLogs', () => deps.log.show()),
    registerCommand(deps, 'pipefy.openTryIt', (args) => openTryIt(deps, args)),
    registerCommand(deps, TOKEN_ACTIONS_COMMAND, () => showTokenActions(state())),
  ];
}

/** Open Try It. Arguments: `{ accountId? | label? }` to preselect a saved account. Returns nothing. */
function openTryIt(deps: CommandDeps, args: CommandArgs | undefined): void {
  let accountId: string | undefined;
  if (args) {
    rejectUnknownKeys(args, ACCOUNT_SELECTOR_KEYS);
    accountId = optionalString(args, 'accountId');
    if (accountId && !deps.accounts.get(accountId)) throw new CommandFailure(`No service account has the id "${accountId}"; it may have been removed.`);
    const label = optionalString(args, 'label');
    if (label && !accountId) {
      accountId = deps.accounts.findByLabel(label)?.id;
      if (!accountId) throw new CommandFailure(`No service account is labelled "${label}".`);
    }
  }
  TryItPanel.show(deps, { accountId });
}
