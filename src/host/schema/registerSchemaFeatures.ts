import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandRunner';
import { registerFetchSchemaCommand } from './fetchSchemaCommand';
import { GraphQLLanguageFeatures } from './graphqlLanguageFeatures';
import { LanguageModuleLoader } from './languageModuleLoader';
import { SchemaCache } from './schemaCache';

/** Fetch Schema and schema-aware editing, sharing one lazily loaded language bundle and one schema cache. */
export function registerSchemaFeatures(deps: CommandDeps): vscode.Disposable[] {
  const loader = new LanguageModuleLoader(deps.context.extensionPath, deps.log);
  const cache = new SchemaCache(deps.context.globalStorageUri, loader, deps.log);
  return [cache, registerFetchSchemaCommand(deps, loader, cache), new GraphQLLanguageFeatures({ accounts: deps.accounts, loader, cache, log: deps.log })];
}
