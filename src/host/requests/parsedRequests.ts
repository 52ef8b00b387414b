import * as vscode from 'vscode';
import { type GraphQLParse, type RequestDocument, parseRequestDocument } from '../../core/requests/requestDocument';
import { isRequestFilePath } from '../../core/requests/variablesFile';

/** A document is a saved request by language or by name: there may be no GraphQL extension installed. */
export function isRequestDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'graphql' || isRequestFilePath(document.uri.path);
}

/**
 * Parses each open request document once per version: the CodeLens provider asks on every edit
 * pause, and the run command right after, for the same text.
 */
export class ParsedRequests implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; parsed: RequestDocument }>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString()));

  constructor(readonly parse: GraphQLParse) {}

  get(document: vscode.TextDocument): RequestDocument {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.parsed;
    const parsed = parseRequestDocument(document.getText(), this.parse);
    this.cache.set(key, { version: document.version, parsed });
    return parsed;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
