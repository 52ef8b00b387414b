import * as vscode from 'vscode';
import { AccountEmails } from '../../core/requests/accountEmails';
import { AllPagesResults } from '../../core/requests/allPagesResults';
import { lazyGraphQLParse } from '../../core/requests/requestParserLoader';
import { RUN_OPERATION_COMMAND, runTargetOf } from '../../core/requests/runTarget';
import { CommandDeps, registerCommand } from '../commands/commandRunner';
import { accountRunner } from '../tokens/accountRunner';
import { type FeatureRegistration, onFirstUse } from '../startUp';
import { newRequest } from './newRequestCommand';
import { ParsedRequests } from './parsedRequests';
import { registerAllPagesCommands } from './registerAllPages';
import { REQUEST_SELECTOR, RequestCodeLensProvider } from './requestCodeLens';
import { readSettings } from '../settings';
import { RequestHistoryStore } from './requestHistoryStore';
import { ResponseDocuments } from './responseDocuments';
import { ResumePointStore } from './resumePointStore';
import { runRequest } from './runRequestCommand';
import { VariablesReader } from './variablesReader';
import { AccountsView } from '../accounts/accountsView';
import { HistoryView } from './views/historyView';
import { RequestsView } from './views/requestsView';

/**
 * Saved GraphQL requests: the CodeLenses, Run and New GraphQL Request, the response
 * view, the history and the Pipefy sidebar. The commands are registered at once; what they use is
 * made on first use, and the providers and views start after activation. Nothing here reads the
 * workspace or the network until a view is shown or a command runs, so activation stays fast.
 */
export function registerRequestFeatures(deps: CommandDeps): FeatureRegistration {
  const made: vscode.Disposable[] = [];
  const kept = <T extends vscode.Disposable>(make: () => T) =>
    onFirstUse(() => {
      const value = make();
      made.push(value);
      return value;
    });
  const parsed = kept(() => new ParsedRequests(lazyGraphQLParse(deps.context.extensionPath)));
  const history = kept(
    () => new RequestHistoryStore(deps.context.globalState, deps.log, vscode.Uri.joinPath(deps.context.globalStorageUri, 'responses'), () => readSettings().historyKeepResponses),
  );
  const responses = kept(() => new ResponseDocuments());
  const variables = kept(() => new VariablesReader());
  const accountEmails = onFirstUse(() => new AccountEmails());
  const allPagesResults = onFirstUse(() => new AllPagesResults());
  const resumePoints = onFirstUse(() => new ResumePointStore(deps.context.workspaceState, deps.log));
  const runDeps = () => ({ ...deps, parsed: parsed(), history: history(), responses: responses(), variables: variables(), accountEmails: accountEmails() });
  return {
    now: [
      registerCommand(deps, 'pipefy.runRequest', (args) => runRequest(runDeps(), args)),
      registerCommand(deps, 'pipefy.newRequest', (args) => newRequest(deps, args)),
      ...registerAllPagesCommands(
        () => ({ ...runDeps(), results: allPagesResults(), resumePoints: resumePoints(), runner: (account) => accountRunner(deps, account) }),
        deps,
        allPagesResults,
      ),
      registerCommand(deps, 'pipefy.clearHistory', () => history().clear()),
      // CodeLenses and the Requests view run one operation through here. pipefy.runRequest has
      // shown any failure already; passing it on would make VS Code show it a second time.
      vscode.commands.registerCommand(RUN_OPERATION_COMMAND, async (value: unknown) => {
        const target = runTargetOf(value);
        if (!target) return undefined;
        return vscode.commands.executeCommand('pipefy.runRequest', { ...target }).then(undefined, () => undefined);
      }),
      { dispose: () => made.forEach((disposable) => disposable.dispose()) },
    ],
    afterActivation: () => {
      // The response scheme's provider from the start: a response tab restored with the window asks for its text.
      responses();
      const lenses = new RequestCodeLensProvider(parsed(), deps.accounts);
      return [
        lenses,
        vscode.languages.registerCodeLensProvider(REQUEST_SELECTOR, lenses),
        new AccountsView(deps.accounts, deps.tokens),
        new RequestsView(parsed().parse),
        new HistoryView(history(), responses()),
      ];
    },
  };
}
