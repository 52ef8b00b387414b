import * as vscode from 'vscode';
import { exposeTokenFrom } from '../../core/settings/settingsValues';
import { isExpired } from '../../core/token/cachedToken';
import { settingValues } from '../settings';
import type { Log } from '../log';
import type { ActiveTokenState } from '../tokens/activeTokenState';
import type { TokenService } from '../tokens/tokenService';

export const TERMINAL_TOKEN_VARIABLE = 'PIPEFY_TOKEN';
export const EXPOSE_TOKEN_SETTING = 'pipefy.terminal.exposeToken';
/** setTimeout's limit; a token that lives longer is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The opt-in `PIPEFY_TOKEN` for new integrated terminals, off until the user turns it on. It follows the active
 * account's token as TokenService and ActiveTokenState report it, and never fetches one itself.
 * The collection is not persistent, so VS Code never writes the token to its own storage.
 */
export class TerminalTokenExposure implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private updating: Promise<void> = Promise.resolve();
  private exposedFor: string | undefined;

  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly state: ActiveTokenState,
    private readonly tokens: TokenService,
    private readonly log: Log,
  ) {
    collection.persistent = false;
    collection.description = `${TERMINAL_TOKEN_VARIABLE}: the active Pipefy service account's token (setting ${EXPOSE_TOKEN_SETTING})`;
    // Start empty; the first ActiveTokenState update sets the variable if the setting is on.
    collection.clear();
    this.subscriptions = vscode.Disposable.from(
      state.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(EXPOSE_TOKEN_SETTING)) return;
        this.log.info(`${EXPOSE_TOKEN_SETTING} is now ${exposeTokenEnabled() ? 'on' : 'off'}.`);
        this.update();
      }),
    );
  }

  private update(): void {
    this.updating = this.updating.then(() => this.apply()).catch((error: unknown) => this.log.error(`Updating ${TERMINAL_TOKEN_VARIABLE} failed`, error));
  }

  private async apply(): Promise<void> {
    clearTimeout(this.expiryTimer);
    const accountId = this.state.current.accountId;
    const token = exposeTokenEnabled() && accountId ? await this.tokens.peek(accountId).catch(() => undefined) : undefined;
    if (!accountId || !token || isExpired(token, Date.now())) {
      this.withdraw();
      return;
    }
    this.collection.replace(TERMINAL_TOKEN_VARIABLE, token.accessToken);
    if (this.exposedFor !== accountId) this.log.info(`${TERMINAL_TOKEN_VARIABLE} is set for new integrated terminals (account "${this.state.current.account?.label ?? accountId}").`);
    this.exposedFor = accountId;
    // An expired token is withdrawn rather than handed to the next terminal.
    if (token.expiresAt !== undefined) this.expiryTimer = setTimeout(() => this.update(), Math.min(MAX_TIMER_MS, token.expiresAt - Date.now()));
  }

  private withdraw(): void {
    if (this.collection.get(TERMINAL_TOKEN_VARIABLE) === undefined) return;
    this.collection.delete(TERMINAL_TOKEN_VARIABLE);
    if (this.exposedFor) this.log.info(`${TERMINAL_TOKEN_VARIABLE} is no longer set for new integrated terminals.`);
    this.exposedFor = undefined;
  }

  dispose(): void {
    clearTimeout(this.expiryTimer);
    this.subscriptions.dispose();
  }
}

function exposeTokenEnabled(): boolean {
  return exposeTokenFrom(settingValues(vscode.workspace.getConfiguration(), EXPOSE_TOKEN_SETTING));
}
