import * as vscode from 'vscode';
import type { IntrospectedSchema } from '../../core/schema/schemaFromIntrospection';
import type { DiagnosticSeverity, GraphQLCompletion, TextRange } from '../../language/languageModule';
import type { AccountStore } from '../accounts/accountStore';
import type { Log } from '../log';
import type { LanguageModuleLoader } from './languageModuleLoader';
import type { SchemaCache } from './schemaCache';

export const GRAPHQL_LANGUAGE_ID = 'graphql';
export const DIAGNOSTIC_SOURCE = 'Pipefy GraphQL';
/** Typing pauses this long before a document is checked again. */
const REVALIDATE_DELAY_MS = 250;

const SEVERITIES: Record<DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface LanguageFeatureDeps {
  readonly accounts: AccountStore;
  readonly loader: LanguageModuleLoader;
  readonly cache: SchemaCache;
  readonly log: Log;
}

/**
 * Completion, hover and diagnostics for `.graphql` / `.gql` files against the cached
 * schema of the active account's GraphQL endpoint; without one, syntax diagnostics only.
 * Registering is cheap: the language bundle and the schema file are read on first use.
 */
export class GraphQLLanguageFeatures implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('pipefy-graphql');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable;

  constructor(private readonly deps: LanguageFeatureDeps) {
    const selector: vscode.DocumentSelector = { language: GRAPHQL_LANGUAGE_ID };
    // Documents already open when the extension activated; after activate() has returned, and
    // only when there are any, so activation itself loads nothing.
    const initial = setTimeout(() => this.revalidateAll(), 0);
    this.disposables = vscode.Disposable.from(
      this.diagnostics,
      vscode.languages.registerCompletionItemProvider(selector, { provideCompletionItems: (document, position) => this.complete(document, position) }, '{', '(', '@', '$'),
      vscode.languages.registerHoverProvider(selector, { provideHover: (document, position) => this.hover(document, position) }),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, REVALIDATE_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      // A new schema, or another active account (maybe another endpoint), changes what is valid.
      deps.cache.onDidChange(() => this.revalidateAll()),
      deps.accounts.onDidChange(() => this.revalidateAll()),
      new vscode.Disposable(() => clearTimeout(initial)),
    );
  }

  private async activeSchema(): Promise<IntrospectedSchema | undefined> {
    const account = this.deps.accounts.active();
    return account && this.deps.cache.read(account.graphqlEndpoint);
  }

  private async complete(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const schema = await this.activeSchema();
    if (!schema) return undefined;
    return this.deps.loader.get().completions(schema.schema, document.getText(), position).map(toCompletionItem);
  }

  private async hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const schema = await this.activeSchema();
    if (!schema) return undefined;
    const markdown = this.deps.loader.get().hover(schema.schema, document.getText(), position);
    return markdown === undefined ? undefined : new vscode.Hover(new vscode.MarkdownString(markdown), document.getWordRangeAtPosition(position));
  }

  private revalidateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (document.languageId !== GRAPHQL_LANGUAGE_ID) {
      // A file whose language was changed away from GraphQL keeps no stale diagnostics.
      if (this.diagnostics.has(document.uri)) this.forget(document);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.validate(document).catch((error: unknown) => this.deps.log.error(`Checking ${document.uri.fsPath} failed`, error));
    }, delayMs));
  }

  private async validate(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const schema = await this.activeSchema();
    // Edited or closed meanwhile: the run scheduled by that change or close has the last word.
    if (document.isClosed || document.version !== version) return;
    const found = this.deps.loader.get().diagnostics(document.getText(), schema?.schema);
    this.diagnostics.set(
      document.uri,
      found.map((problem) => {
        const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, SEVERITIES[problem.severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        return diagnostic;
      }),
    );
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.diagnostics.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.disposables.dispose();
  }
}

function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function toCompletionItem(completion: GraphQLCompletion): vscode.CompletionItem {
  // LSP numbers CompletionItemKind from 1, VS Code from 0, in the same order.
  const item = new vscode.CompletionItem(completion.label, completion.kind === undefined ? undefined : completion.kind - 1);
  item.detail = completion.detail;
  if (completion.documentation) item.documentation = new vscode.MarkdownString(completion.documentation);
  if (completion.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
  if (completion.insertText !== undefined) {
    item.insertText = completion.insertTextIsSnippet ? new vscode.SnippetString(completion.insertText) : completion.insertText;
  }
  return item;
}
