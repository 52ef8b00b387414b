import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

/** One command the demo wants run inside the extension host, e.g. adding the sandbox account. */
export interface StartupCommand {
  command: string;
  args?: unknown[];
}

const DONE_KEY = 'pipefyHostRunner.startupCommandsDone';

/**
 * Runs the commands listed in the JSON file named by PIPEFY_HOST_COMMANDS, once per list and
 * browser profile (a window reload must not add the demo account twice; code-server keeps global
 * state and secrets in the browser), after the extensions they belong to are active.
 * The outcome goes to `<file>.result.json` for whoever started code-server.
 */
export async function runStartupCommands(context: vscode.ExtensionContext): Promise<void> {
  const file = process.env.PIPEFY_HOST_COMMANDS;
  if (!file || !fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const digest = crypto.createHash('sha256').update(text).digest('hex');
  if (context.globalState.get<string>(DONE_KEY) === digest) return;

  const outcomes: Array<{ command: string; ok: boolean; error?: string }> = [];
  for (const { command, args = [] } of JSON.parse(text) as StartupCommand[]) {
    try {
      await activateOwnerOf(command);
      await vscode.commands.executeCommand(command, ...args);
      outcomes.push({ command, ok: true });
    } catch (error) {
      outcomes.push({ command, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  // A failed command (e.g. the extension was not ready) is tried again on the next window.
  if (outcomes.every((outcome) => outcome.ok)) await context.globalState.update(DONE_KEY, digest);
  fs.writeFileSync(`${file}.result.json`, JSON.stringify(outcomes, null, 2));
}

/** A command is only registered once its extension is active; activate it rather than wait. */
async function activateOwnerOf(command: string): Promise<void> {
  const owner = vscode.extensions.all.find((extension) =>
    (extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands
      ?.some((contributed) => contributed.command === command));
  await owner?.activate();
}
