import * as vscode from 'vscode';
import { describeProblem } from '../../core/requests/requestDocument';
import { RUN_OPERATION_COMMAND, type RunTarget } from '../../core/requests/runTarget';
import type { AccountStore } from '../accounts/accountStore';
import { type ParsedRequests, isRequestDocument } from './parsedRequests';

/** The request files CodeLenses and the run command apply to, with or without a GraphQL extension. */
export const REQUEST_SELECTOR: vscode.DocumentSelector = [{ language: 'graphql' }, { pattern: '**/*.{graphql,gql}' }];

export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

const RUN_ALL_PAGES_LENS: vscode.Command = {
  title: '▶ Run all pages',
  tooltip: 'Run this query page after page, following pageInfo.endCursor until the last page, paced under the rate limit.',
  // The internal command behind the lens (see registerAllPages.ts), named here to keep the import one way.
  command: 'pipefy.runAllPagesOperation',
};

/**
 * `▶ Run with Pipefy (<account>)` above each operation. Without an account the lens
 * adds one; in Restricted Mode it offers to trust the workspace, since requests do not run there
 * (an untrusted file must not send a token); a file that does not parse gets one lens that says where it is broken.
 */
export class RequestCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable;

  constructor(
    private readonly parsed: ParsedRequests,
    private readonly accounts: AccountStore,
  ) {
    this.subscriptions = vscode.Disposable.from(
      this.changed,
      accounts.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRequestDocument(document)) return [];
    const request = this.parsed.get(document);
    if (request.problems.length) {
      const problem = request.problems[0];
      const at = new vscode.Range(problem.line - 1, 0, problem.line - 1, 0);
      return [new vscode.CodeLens(at, { title: `$(error) Cannot run: ${describeProblem(problem)}`, command: '' })];
    }
    const command = this.commandFor(document);
    return request.operations.flatMap((operation) => {
      const at = new vscode.Range(operation.line - 1, 0, operation.line - 1, 0);
      const target: RunTarget = { uri: document.uri.toString(), operationName: operation.name, line: operation.name ? undefined : operation.line };
      if (command.command !== RUN_OPERATION_COMMAND) return [new vscode.CodeLens(at, command)];
      const lenses = [new vscode.CodeLens(at, { ...command, arguments: [target] })];
      // Only a query that pages through a connection can be followed page after page.
      if (operation.pagination) lenses.push(new vscode.CodeLens(at, { ...RUN_ALL_PAGES_LENS, arguments: [target] }));
      return lenses;
    });
  }

  private commandFor(document: vscode.TextDocument): vscode.Command {
    if (!vscode.workspace.isTrusted) {
      return {
        title: '$(shield) Trust the workspace to run with Pipefy',
        tooltip: 'Saved requests do not run in Restricted Mode. Click to manage Workspace Trust.',
        command: MANAGE_TRUST_COMMAND,
      };
    }
    const account = this.accounts.active();
    if (!account) {
      return {
        title: this.accounts.list().length ? '▶ Run with Pipefy (no active account)' : '▶ Run with Pipefy (no account)',
        tooltip: this.accounts.list().length ? 'Choose the service account to use in this workspace.' : 'Add a Pipefy service account to run this request.',
        command: this.accounts.list().length ? 'pipefy.switchAccount' : 'pipefy.addAccount',
      };
    }
    return {
      title: `▶ Run with Pipefy (${account.label})`,
      tooltip: `Send this operation with the token of "${account.label}"${document.isUntitled ? '' : ' and the variables file beside it'}.`,
      command: RUN_OPERATION_COMMAND,
    };
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
