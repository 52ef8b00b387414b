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
import { registerRequestFeatures } from './requests/registerRequestFeatures';
import { registerSchemaFeatures } from './schema/registerSchemaFeatures';
import { onDidChangeSettings } from './settings';
import { StatusBarTokenIndicator } from './statusBar/statusBarTokenIndicator';
import { TerminalTokenExposure } from './terminal/terminalTokenExposure';
import { ActiveTokenState } from './tokens/activeTokenState';
import { TokenService } from './tokens/tokenService';
import { registerTryItSerializer } from './tryIt/tryItPanel';

/**
 * Entry point. activate() only wires things up: no network, no workspace scan, nothing awaited
 * (SPEC §6). The first status-bar render reads SecretStorage in the background.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = new Log();
  const accounts = new AccountStore(context);
  const tokens = new TokenService(accounts, context.secrets, log);
  const state = new ActiveTokenState(accounts, tokens);
  const rateLimits = new OriginGate();
  const deps: CommandDeps = { context, accounts, tokens, log, rateLimits };
  context.subscriptions.push(log, accounts, tokens, state, new StatusBarTokenIndicator(state, rateLimits), new CommandContextKeys(state));

  const registered = [...registerAccountCommands(deps), ...registerTokenCommands(deps), ...registerGeneralCommands(deps, state)];
  context.subscriptions.push(...registered, registerTryItSerializer(deps));
  context.subscriptions.push(...registerRequestFeatures(deps));
  context.subscriptions.push(
    ...registerSchemaFeatures(deps),
    registerPipefyAuthentication({ accounts, tokens, log, addAccount: () => vscode.commands.executeCommand('pipefy.addAccount') }),
    new TerminalTokenExposure(context.environmentVariableCollection, state, tokens, log),
  );

  context.subscriptions.push(
    onDidChangeSettings((reason) => {
      // Settings are read afresh on every use; the log line says when they started to apply.
      if (reason === 'trust') log.info('The workspace is now trusted: its Pipefy settings apply from now on.');
      else log.info('Pipefy settings changed.');
    }),
  );
  if (!vscode.workspace.isTrusted) log.info('Restricted Mode: workspace settings that change endpoints or allowed origins are ignored.');

  void state.refresh();
  // Its duration is the figure `npm run bench` reads back as activateMs (SPEC §6: median ≤ 20 ms).
  log.info(`Pipefy Service Account Playground activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

export function deactivate(): void {}
