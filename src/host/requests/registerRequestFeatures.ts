import * as vscode from 'vscode';
import { CommandDeps, registerCommand } from '../commands/commandRunner';
import { AccountEmails } from './accountEmails';
import { newRequest } from './newRequestCommand';
import { ParsedRequests } from './parsedRequests';
import { lazyGraphQLParse } from './requestParserLoader';
import { REQUEST_SELECTOR, RequestCodeLensProvider } from './requestCodeLens';
import { RequestHistoryStore } from './requestHistoryStore';
import { ResponseDocuments } from './responseDocuments';
import { runRequest } from './runRequestCommand';
import { RUN_OPERATION_COMMAND, runTargetOf } from './runTarget';
import { VariablesReader } from './variablesReader';
import { AccountsView } from './views/accountsView';
import { HistoryView } from './views/historyView';
import { RequestsView } from './views/requestsView';

/**
 * Saved GraphQL requests (SPEC §3 F): the CodeLenses, Run and New GraphQL Request, the response
 * view, the history and the Pipefy sidebar. Registration only: nothing here reads the workspace or
 * the network until a view is shown or a command runs (SPEC §6).
 */
export function registerRequestFeatures(deps: CommandDeps): vscode.Disposable[] {
  const parsed = new ParsedRequests(lazyGraphQLParse(deps.context.extensionPath));
  const history = new RequestHistoryStore(deps.context.globalState, (text) => deps.log.redactor.redact(text));
  const responses = new ResponseDocuments();
  const variables = new VariablesReader();
  const lenses = new RequestCodeLensProvider(parsed, deps.accounts);
  const runDeps = { ...deps, parsed, history, responses, variables, accountEmails: new AccountEmails() };
  return [
    parsed,
    history,
    responses,
    variables,
    lenses,
    vscode.languages.registerCodeLensProvider(REQUEST_SELECTOR, lenses),
    registerCommand(deps, 'pipefy.runRequest', (args) => runRequest(runDeps, args)),
    registerCommand(deps, 'pipefy.newRequest', (args) => newRequest(deps, args)),
    registerCommand(deps, 'pipefy.clearHistory', () => history.clear()),
    // CodeLenses and the Requests view run one operation through here. pipefy.runRequest has
    // shown any failure already; passing it on would make VS Code show it a second time.
    vscode.commands.registerCommand(RUN_OPERATION_COMMAND, async (value: unknown) => {
      const target = runTargetOf(value);
      if (!target) return undefined;
      return vscode.commands.executeCommand('pipefy.runRequest', { ...target }).then(undefined, () => undefined);
    }),
    new AccountsView(deps.accounts, deps.tokens),
    new RequestsView(parsed.parse),
    new HistoryView(history),
  ];
}
