import * as vscode from 'vscode';
import { GraphQLRequestError, OriginHeldError } from '../../core/graphql/graphqlRunner';
import { type IntrospectionResult, type SchemaLoader, introspectInTurn, introspectionEndpoints, judgeIntrospection, judgeIntrospectionFailure } from '../../core/schema/introspectionHosts';
import type { IntrospectedSchema } from '../../core/schema/schemaFromIntrospection';
import { asSchemaError } from '../../core/schema/schemaError';
import { CommandArgs, CommandCancelled, optionalBoolean, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandDeps, CommandFailure, inform, registerCommand } from '../commands/commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from '../commands/resolveAccount';
import { readSettings } from '../settings';
import { accountRunner } from '../tokens/accountRunner';
import type { LanguageModuleLoader } from './languageModuleLoader';
import type { SchemaCache } from './schemaCache';

export const FETCH_SCHEMA_COMMAND = 'pipefy.fetchSchema';

/**
 * What Fetch Schema returns: the endpoint whose schema was fetched (the account's), the endpoint
 * that served it (the paired host when the account's refused introspection), how many types it has.
 */
export interface FetchedSchema {
  readonly endpoint: string;
  readonly servedBy: string;
  readonly types: number;
}

export function registerFetchSchemaCommand(deps: CommandDeps, loader: LanguageModuleLoader, cache: SchemaCache): vscode.Disposable {
  return registerCommand(deps, FETCH_SCHEMA_COMMAND, (args) => fetchSchema(deps, loader, cache, args));
}

const host = (endpoint: string) => new URL(endpoint).host;

/**
 * Fetch Schema: introspection through the same runner as every request, so the token
 * goes only to allowed origins, is renewed once after a 401, and requests are paced and held after
 * a 429 like any other. When the account's endpoint refuses introspection or cannot be reached,
 * the same path on its paired host (pipefy.schema.hostPairs: api.pipefy.com and app.pipefy.com)
 * is tried. The result is cached for the account's endpoint.
 * Arguments: `{ accountId? | label?, sendAnyway? }`. Returns FetchedSchema.
 */
async function fetchSchema(deps: CommandDeps, loader: LanguageModuleLoader, cache: SchemaCache, args: CommandArgs | undefined): Promise<FetchedSchema> {
  if (args) rejectUnknownKeys(args, [...ACCOUNT_SELECTOR_KEYS, 'sendAnyway']);
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenNoActive', placeHolder: 'Fetch the schema with which service account?' });
  const endpoint = account.graphqlEndpoint;
  const sendAnyway = args && optionalBoolean(args, 'sendAnyway');
  const language = loader.get();
  const settings = readSettings();
  const runner = accountRunner(deps, account);
  const load: SchemaLoader<IntrospectedSchema> = (body) => {
    try {
      return { schema: language.loadSchema(body) };
    } catch (error) {
      const problem = asSchemaError(error);
      if (problem) return { problem: `${problem.message} ${problem.hint}`.trim() };
      throw error;
    }
  };

  const result: IntrospectionResult<IntrospectedSchema> = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pipefy: fetching the schema from ${endpoint}`, cancellable: true },
    (progress, cancellation) => {
      const abort = new AbortController();
      const subscription = cancellation.onCancellationRequested(() => abort.abort());
      const attempt = async (target: string) => {
        if (target !== endpoint) progress.report({ message: `trying ${host(target)}` });
        try {
          const response = await runner.run({ endpoint: target, query: language.introspectionQuery, operationName: language.introspectionOperationName, signal: abort.signal, sendAnyway });
          return judgeIntrospection(response, load, Date.now());
        } catch (error) {
          return judgeIntrospectionFailure(error);
        }
      };
      return introspectInTurn(introspectionEndpoints(endpoint, settings.schemaHostPairs), attempt).finally(() => subscription.dispose());
    },
  );

  const refusals = result.refusals.map((refusal) => `${host(refusal.endpoint)}: ${refusal.reason}`);
  if (result.kind === 'final') {
    if (result.error instanceof GraphQLRequestError && result.error.code === 'cancelled') throw new CommandCancelled();
    const before = refusals.length ? ` (before that, ${refusals.join('; ')})` : '';
    const actions =
      result.error instanceof OriginHeldError ? [{ title: 'Send Anyway', command: FETCH_SCHEMA_COMMAND, arguments: [{ accountId: account.id, sendAnyway: true }] }] : [];
    throw new CommandFailure(`Fetching the schema from ${result.endpoint} failed: ${result.reason}${before}`, actions);
  }
  if (result.kind === 'refused') throw new CommandFailure(`No schema for ${endpoint}: ${refusals.join('; ')}`);

  const file = await cache.write(endpoint, result.schema);
  const servedBy = host(result.endpoint);
  const fallback = refusals.length ? ` (${refusals.join('; ')})` : '';
  deps.log.info(
    `Schema for ${endpoint} fetched with "${account.label}" from ${result.endpoint}${fallback} (${result.schema.typeCount} types, ${result.sizeBytes} bytes, ${result.durationMs} ms) and cached in ${file.fsPath}.`,
  );
  inform(`Schema fetched for ${endpoint}: ${result.schema.typeCount} types, served by ${servedBy}${fallback}`);
  return { endpoint, servedBy: result.endpoint, types: result.schema.typeCount };
}
