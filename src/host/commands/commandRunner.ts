import type { HttpPost } from '../../core/http/httpPost';
import * as vscode from 'vscode';
import { failureNotices } from '../failureNotices';
import type { OriginGate } from '../../core/graphql/originGate';
import { TokenRequestError } from '../../core/oauth/tokenError';
import { AccountValidationError, type AccountStore } from '../accounts/accountStore';
import type { Log } from '../log';
import type { TokenService } from '../tokens/tokenService';
import { CommandArgs, CommandArgsError, CommandCancelled, argsObject } from '../../core/commands/commandArgs';

export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly accounts: AccountStore;
  readonly tokens: TokenService;
  readonly log: Log;
  /** The one rate-limit gate of the extension host: pacing and 429 lockouts per origin. */
  readonly rateLimits: OriginGate;
  /** Every POST the extension makes, routed by the editor's proxy support (host/network). */
  readonly http: HttpPost;
}

/** Called with the arguments object, or undefined when run from the palette, a menu or the status bar. */
export type CommandHandler = (args: CommandArgs | undefined) => unknown;

/** A failure the user can act on; `actions` become buttons on the error message. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  constructor(
    message: string,
    readonly actions: ReadonlyArray<{ readonly title: string; readonly command: string; readonly arguments?: readonly unknown[] }> = [],
  ) {
    super(message);
  }
}

/**
 * Registers one command with the error handling all of them share. Every failure becomes a clear
 * error message. A caller that passed arguments (a test, a keybinding, another extension) also
 * gets the error back; one that ran the command by hand does not, as VS Code would show it twice.
 * Escape in a prompt ends the command quietly.
 */
export function registerCommand(deps: CommandDeps, id: string, handler: CommandHandler, options: { readonly internal?: boolean } = {}): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (raw?: unknown) => {
    const args = argsObject(raw);
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof CommandCancelled) return undefined;
      reportError(deps.log, id, error);
      // An internal command is run by a lens or a button with arguments, never by a caller that
      // wants the error back: VS Code would show it a second time.
      if (args && !options.internal) throw error;
      return undefined;
    }
  });
}

function reportError(log: Log, id: string, error: unknown): void {
  const actions = error instanceof CommandFailure ? [...error.actions] : [];
  let text: string;
  if (error instanceof AccountValidationError) {
    text = `The service account was not saved. ${error.message}`;
    log.warn(`${id}: ${text}`);
  } else if (error instanceof CommandArgsError || error instanceof CommandFailure) {
    text = error.message;
    log.warn(`${id}: ${text}`);
  } else if (error instanceof TokenRequestError) {
    text = `${error.message} ${error.hint}`;
    // TokenService has logged the request and its failure already. The account's own fields are
    // the likeliest cause of a refusal, and the fix: the notice leads to them.
    if (error.accountId) actions.push({ title: 'Edit Service Account', command: 'pipefy.editAccount', arguments: [{ accountId: error.accountId }] });
  } else {
    text = error instanceof Error ? error.message : String(error);
    log.error(`${id} failed`, error);
  }
  const buttons = [...actions.map((a) => a.title), 'Show Logs'];
  const shown = vscode.window.showErrorMessage(`Pipefy: ${log.redactor.redact(text)}`, ...buttons);
  failureNotices.shown(error, shown);
  void shown.then((choice) => {
    if (choice === 'Show Logs') log.show();
    const action = actions.find((a) => a.title === choice);
    // The command reports its own failure; passing it on here would only leave it unhandled.
    if (action) void vscode.commands.executeCommand(action.command, ...(action.arguments ?? [])).then(undefined, () => undefined);
  });
}

/** An information message whose buttons run commands, without making the command wait for a click. */
export function inform(message: string, actions: ReadonlyArray<{ readonly title: string; readonly command: string }> = []): void {
  void vscode.window.showInformationMessage(message, ...actions.map((a) => a.title)).then((choice) => {
    const action = actions.find((a) => a.title === choice);
    if (action) void vscode.commands.executeCommand(action.command);
  });
}
