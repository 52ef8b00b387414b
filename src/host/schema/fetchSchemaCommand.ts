import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import { GraphQLRequestError, GraphQLResponse, GraphQLRunner } from '../../core/graphql/graphqlRunner';
import { allowedOriginsFor } from '../../core/graphql/originAllowlist';
import type { IntrospectedSchema } from '../../core/schema/schemaFromIntrospection';
import { CommandArgs, CommandCancelled, rejectUnknownKeys } from '../commands/commandArgs';
import { CommandDeps, CommandFailure, inform, registerCommand } from '../commands/commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from '../commands/resolveAccount';
import { readSettings } from '../settings';
import type { LanguageModuleLoader } from './languageModuleLoader';
import type { SchemaCache } from './schemaCache';
import { asSchemaError } from './schemaError';

export const FETCH_SCHEMA_COMMAND = 'pipefy.fetchSchema';

/** What Fetch Schema returns: the endpoint introspected and how many types its schema has. */
export interface FetchedSchema {
  readonly endpoint: string;
  readonly types: number;
}

export function registerFetchSchemaCommand(deps: CommandDeps, loader: LanguageModuleLoader, cache: SchemaCache): vscode.Disposable {
  return registerCommand(deps, FETCH_SCHEMA_COMMAND, (args) => fetchSchema(deps, loader, cache, args));
}

/**
 * Fetch Schema (SPEC §3 G): introspection through the same runner as every request, so the token
 * goes only to allowed origins and is renewed once after a 401; the result is cached per GraphQL
 * endpoint. Arguments: `{ accountId? | label? }`. Returns FetchedSchema.
 */
async function fetchSchema(deps: CommandDeps, loader: LanguageModuleLoader, cache: SchemaCache, args: CommandArgs | undefined): Promise<FetchedSchema> {
  if (args) rejectUnknownKeys(args, ACCOUNT_SELECTOR_KEYS);
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenNoActive', placeHolder: 'Fetch the schema with which service account?' });
  const endpoint = account.graphqlEndpoint;
  const language = loader.get();
  const response = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pipefy: fetching the schema from ${endpoint}`, cancellable: true },
    (_progress, cancellation) => introspect(deps, account, language.introspectionQuery, language.introspectionOperationName, cancellation),
  );
  if (response.problem) throw new CommandFailure(`Fetching the schema from ${endpoint} failed: ${response.problem.message} ${response.problem.hint}`);

  let introspected: IntrospectedSchema;
  try {
    introspected = language.loadSchema(response.json ?? response.bodyText);
  } catch (error) {
    const problem = asSchemaError(error);
    if (problem) throw new CommandFailure(`No schema from ${endpoint}: ${problem.message} ${problem.hint}`);
    throw error;
  }
  const file = await cache.write(endpoint, introspected);
  deps.log.info(
    `Schema for ${endpoint} fetched with "${account.label}" (${introspected.typeCount} types, ${response.sizeBytes} bytes, ${response.durationMs} ms) and cached in ${file.fsPath}.`,
  );
  inform(`Schema fetched for ${endpoint}: ${introspected.typeCount} types`);
  return { endpoint, types: introspected.typeCount };
}

async function introspect(
  deps: CommandDeps,
  account: AccountMetadata,
  query: string,
  operationName: string,
  cancellation: vscode.CancellationToken,
): Promise<GraphQLResponse> {
  const settings = readSettings();
  const runner = new GraphQLRunner({
    tokens: deps.tokens.sourceFor(account),
    allowedOrigins: allowedOriginsFor(account.graphqlEndpoint, settings.allowedApiOrigins),
    timeoutMs: settings.graphqlTimeoutMs,
  });
  const abort = new AbortController();
  const subscription = cancellation.onCancellationRequested(() => abort.abort());
  try {
    return await runner.run({ endpoint: account.graphqlEndpoint, query, operationName, signal: abort.signal });
  } catch (error) {
    if (error instanceof GraphQLRequestError) {
      if (error.code === 'cancelled') throw new CommandCancelled();
      throw new CommandFailure(`Fetching the schema from ${account.graphqlEndpoint} failed: ${error.message} ${error.hint}`);
    }
    throw error;
  } finally {
    subscription.dispose();
  }
}
