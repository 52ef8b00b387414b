import type * as vscode from 'vscode';
import { runStartupCommands } from '../../test/host-runner/src/startupCommands';

/**
 * The demo's own helper, and all it does: code-server keeps SecretStorage in the browser, so the
 * sandbox account (with its secret) can only be added from inside the user's window, once.
 */
export function activate(context: vscode.ExtensionContext): void {
  void runStartupCommands(context);
}
