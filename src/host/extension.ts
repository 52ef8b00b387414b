import * as vscode from 'vscode';

/**
 * Entry point. activate() only wires things up: no network, no workspace scan (SPEC §6).
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Pipefy', { log: true });
  context.subscriptions.push(log);

  const indicator = vscode.window.createStatusBarItem('pipefy.token', vscode.StatusBarAlignment.Left, 100);
  indicator.name = 'Pipefy Token';
  indicator.text = '$(key) Pipefy · no account';
  indicator.tooltip = 'Pipefy: no service account yet. Run "Pipefy: Add Service Account".';
  indicator.show();
  context.subscriptions.push(indicator);

  const notYetBuilt = (title: string) => () =>
    vscode.window.showInformationMessage(`Pipefy: "${title}" is not available in this version yet.`);

  const commands: Record<string, () => unknown> = {
    'pipefy.showLogs': () => log.show(),
  };
  const packageJson = context.extension.packageJSON as { contributes: { commands: Array<{ command: string; title: string }> } };
  for (const { command, title } of packageJson.contributes.commands) {
    context.subscriptions.push(vscode.commands.registerCommand(command, commands[command] ?? notYetBuilt(title)));
  }
  log.info('Pipefy Service Account Playground activated.');
}

export function deactivate(): void {}
