import * as vscode from 'vscode';
import type { ActiveTokenState } from '../tokens/activeTokenState';

interface Action extends vscode.QuickPickItem {
  readonly command: string;
}

/** The quick pick behind a click on the status-bar item; each entry runs a palette command. */
export async function showTokenActions(state: ActiveTokenState): Promise<void> {
  const { account, token, accountCount } = state.current;
  const actions: Action[] = [];
  if (!account) {
    actions.push({ label: '$(add) Add service account', command: 'pipefy.addAccount' });
    if (accountCount > 0) actions.push({ label: '$(account) Switch service account', command: 'pipefy.switchAccount' });
    actions.push({ label: '$(play) Open Try It', command: 'pipefy.openTryIt' });
  } else {
    actions.push({ label: '$(key) Get token', description: token ? 'reuses the cached token while it is valid' : undefined, command: 'pipefy.getToken' });
    if (token) actions.push({ label: '$(refresh) Refresh token', description: 'asks the endpoint now', command: 'pipefy.refreshToken' });
    actions.push(
      { label: '$(copy) Copy token', command: 'pipefy.copyToken' },
      { label: '$(play) Open Try It', command: 'pipefy.openTryIt' },
      { label: '$(account) Switch service account', description: accountCount > 1 ? `${accountCount} saved` : undefined, command: 'pipefy.switchAccount' },
      { label: '$(run) Run GraphQL request', command: 'pipefy.runRequest' },
    );
    if (token) actions.push({ label: '$(trash) Clear token', command: 'pipefy.clearToken' });
  }
  actions.push({ label: '$(output) Show logs', command: 'pipefy.showLogs' });
  const picked = await vscode.window.showQuickPick(actions, { placeHolder: account ? `Pipefy · ${account.label}` : 'Pipefy' });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
