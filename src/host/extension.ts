import * as vscode from 'vscode';
import { OriginGate } from '../core/graphql/originGate';
import { AccountStore } from './accounts/accountStore';
import { registerPipefyAuthentication } from './auth/pipefyAuthenticationProvider';
import { registerAccountCommands } from './commands/accountCommands';
import { CommandContextKeys } from './commands/commandContextKeys';
import { CommandDeps } from './commands/commandRunner';
import { registerGeneralCommands } from './commands/generalCommands';
import { registerTokenCommands } from './commands/tokenCommands';
import { Log } from './log';
import { EditorNetwork } from './network/editorNetwork';
import { registerRequestFeatures } from './requests/registerRequestFeatures';
import { registerServiceAccountCommands } from './serviceAccounts/serviceAccountCommands';
import { registerSchemaFeatures } from './schema/registerSchemaFeatures';
import { onDidChangeSettings } from './settings';
import { StatusBarTokenIndicator } from './statusBar/statusBarTokenIndicator';
import { TerminalTokenExposure } from './terminal/terminalTokenExposure';
import { ActiveTokenState } from './tokens/activeTokenState';
import { onFirstUse } from './startUp';
import { TokenService } from './tokens/tokenService';
import { registerTryItSerializer } from './tryIt/tryItPanel';

/**
 * Entry point. activate() only registers what VS Code must know from the start (commands, the Try
 * It serializer) and returns: no network, no workspace, no SecretStorage, no provider built. The
 * account store, the token service and what shows their state are made on first use, by a command
 * or by the start-up work scheduled right after activate() returns (the status bar, the views, the
 * editor features), so other extensions' activation does not wait on them.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = new Log();
  const disposeWithExtension = (...disposables: vscode.Disposable[]) => context.subscriptions.push(...disposables);
  const accounts = onFirstUse(() => {
    const store = new AccountStore(context);
    disposeWithExtension(store);
    return store;
  });
  const network = new EditorNetwork(log);
  const tokens = onFirstUse(() => {
    const service = new TokenService(accounts(), context.secrets, log, network.post);
    disposeWithExtension(service);
    return service;
  });
  const state = onFirstUse(() => {
    const tokenState = new ActiveTokenState(accounts(), tokens());
    disposeWithExtension(tokenState);
    return tokenState;
  });
  // One gate per extension host: every run to an origin shares its pacing and its lockout.
  const rateLimits = new OriginGate();
  const deps: CommandDeps = {
    context,
    log,
    rateLimits,
    http: network.post,
    get accounts() {
      return accounts();
    },
    get tokens() {
      return tokens();
    },
  };
  disposeWithExtension(log, network);

  const requests = registerRequestFeatures(deps);
  const schema = registerSchemaFeatures(deps);
  disposeWithExtension(
    ...registerAccountCommands(deps),
    ...registerTokenCommands(deps),
    ...registerServiceAccountCommands(deps),
    ...registerGeneralCommands(deps, state),
    ...requests.now,
    ...schema.now,
    registerTryItSerializer(deps),
  );

  const startUp = setTimeout(() => {
    const tokenState = state();
    disposeWithExtension(
      new StatusBarTokenIndicator(tokenState, rateLimits),
      new CommandContextKeys(tokenState),
      ...requests.afterActivation(),
      ...schema.afterActivation(),
      registerPipefyAuthentication({ accounts: accounts(), tokens: tokens(), log, addAccount: () => vscode.commands.executeCommand('pipefy.addAccount') }),
      new TerminalTokenExposure(context.environmentVariableCollection, tokenState, tokens(), log),
      onDidChangeSettings((reason) => {
        // Settings are read afresh on every use; the log line says when they started to apply.
        if (reason === 'trust') log.info('The workspace is now trusted: its Pipefy settings apply from now on.');
        else log.info('Pipefy settings changed.');
      }),
    );
    if (!vscode.workspace.isTrusted) log.info('Restricted Mode: workspace settings that change endpoints or allowed origins are ignored.');
    void tokenState.refresh();
    accounts().startUp().then(
      (reconciliation) => {
        if (reconciliation.kind === 'restore') log.info(`The saved accounts were restored from SecretStorage (${reconciliation.record.accounts.length}): global state had not kept the last change, as after a browser tab reloaded right after a save.`);
      },
      (error: unknown) => log.error('Reading the saved accounts from SecretStorage failed', error),
    );
  }, 0);
  disposeWithExtension({ dispose: () => clearTimeout(startUp) });

  // Its duration is the figure `npm run bench` reads back as activateMs (median ≤ 20 ms).
  log.info(`Pipefy Service Account Playground activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

export function deactivate(): void {}
