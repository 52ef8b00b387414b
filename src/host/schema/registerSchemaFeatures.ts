import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandRunner';
import type { FeatureRegistration } from '../startUp';
import { registerFetchSchemaCommand } from './fetchSchemaCommand';
import { GraphQLLanguageFeatures } from './graphqlLanguageFeatures';
import { LanguageModuleLoader } from './languageModuleLoader';
import { SchemaCache } from './schemaCache';

/**
 * Fetch Schema and schema-aware editing, sharing one lazily loaded language bundle and one schema
 * cache (neither reads anything when made). The editing features start after activation.
 */
export function registerSchemaFeatures(deps: CommandDeps): FeatureRegistration {
  const loader = new LanguageModuleLoader(deps.context.extensionPath, deps.log);
  const cache = new SchemaCache(deps.context.globalStorageUri, loader, deps.log);
  return {
    now: [cache, registerFetchSchemaCommand(deps, loader, cache)],
    afterActivation: (): vscode.Disposable[] => [new GraphQLLanguageFeatures({ accounts: deps.accounts, loader, cache, log: deps.log })],
  };
}
