import * as v from 'valibot';
import { lenient } from '../json/lenient';
import type { KeptResponseRef } from './keptResponses';
/**
 * The history of runs: the last 50, newest first. An entry is built from named fields
 * only, so no token, header or body can slip in, and every text goes through the caller's
 * redactor before it is kept.
 */
export const HISTORY_LIMIT = 50;
const MAX_ERRORS_KEPT = 5;
const MAX_TEXT_LENGTH = 500;

/** ok: 2xx and no errors[]; graphql_errors: an answer with errors[]; http_error: another status or
 * an unusable body; failed: no answer (network, timeout); refused: not sent (origin not allowed, or
 * held after a 429). */
export type RunOutcome = 'ok' | 'graphql_errors' | 'http_error' | 'failed' | 'refused';
const OUTCOMES: readonly RunOutcome[] = ['ok', 'graphql_errors', 'http_error', 'failed', 'refused'];

/** How a run that got an answer went: an HTTP error or an unusable body first, then errors in a good answer. */
export function outcomeOfAnswer(response: { readonly status: number; readonly errors: readonly unknown[]; readonly problem?: unknown }): RunOutcome {
  if (response.status < 200 || response.status >= 300 || response.problem) return 'http_error';
  return response.errors.length ? 'graphql_errors' : 'ok';
}

export interface HistoryError {
  readonly message: string;
  readonly code?: string;
  readonly correlationId?: string;
}

export interface HistoryEntry {
  /** Epoch ms when the run started. */
  readonly at: number;
  readonly accountLabel: string;
  /** Origin and path only: a query string or user info never reaches the history. */
  readonly endpoint: string;
  /** `Me`, or `query (anonymous, line 3)`. */
  readonly operationName: string;
  /** The request file, as a URI string, to open it again. */
  readonly requestUri?: string;
  /** The response view this run opened (kept in memory only while its tab is open in that window). */
  readonly responseUri?: string;
  readonly outcome: RunOutcome;
  readonly status?: number;
  readonly durationMs?: number;
  readonly sizeBytes?: number;
  readonly errorCount: number;
  /** The first few of errors[]. */
  readonly errors: readonly HistoryError[];
  /** Why it failed or was refused. */
  readonly message?: string;
  /** Set for a Run All Pages run: how many pages and items it took, and how it ended. */
  readonly allPages?: AllPagesHistory;
  /** Where the response is kept in the extension's storage, to show it again after its tab closed. */
  readonly keptResponse?: KeptResponseRef;
}

export interface AllPagesHistory {
  readonly pages: number;
  readonly items: number;
  /** complete, capped, cancelled or failed. */
  readonly end: string;
}

export type Redact = (text: string) => string;

/** Copies only the known fields, redacted and trimmed to size. */
export function historyEntry(input: HistoryEntry, redact: Redact): HistoryEntry {
  const text = (value: string) => trim(redact(value));
  const optionalText = (value: string | undefined) => (value === undefined ? undefined : text(value));
  return {
    at: input.at,
    accountLabel: text(input.accountLabel),
    endpoint: text(endpointForHistory(input.endpoint)),
    operationName: text(input.operationName),
    requestUri: optionalText(input.requestUri),
    responseUri: optionalText(input.responseUri),
    outcome: input.outcome,
    status: input.status,
    durationMs: input.durationMs,
    sizeBytes: input.sizeBytes,
    errorCount: input.errorCount,
    errors: input.errors.slice(0, MAX_ERRORS_KEPT).map((error) => ({
      message: text(error.message),
      code: optionalText(error.code),
      correlationId: optionalText(error.correlationId),
    })),
    message: optionalText(input.message),
    ...(input.allPages && { allPages: { pages: input.allPages.pages, items: input.allPages.items, end: text(input.allPages.end) } }),
    ...(input.keptResponse && { keptResponse: { id: input.keptResponse.id, bytes: input.keptResponse.bytes } }),
  };
}

/** Adds the newest entry in front and keeps the last `limit`. */
export function addHistoryEntry(history: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  return [entry, ...history].slice(0, limit);
}

/** `https://api.pipefy.com/graphql?token=x` → `https://api.pipefy.com/graphql`. */
export function endpointForHistory(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return url.origin + url.pathname;
  } catch {
    return '(not a URL)';
  }
}

/** Reads what global state holds, field by field: a bad entry is dropped, never trusted. */
export function parseHistory(stored: unknown, limit = HISTORY_LIMIT): HistoryEntry[] {
  if (!Array.isArray(stored)) return [];
  const entries: HistoryEntry[] = [];
  for (const value of stored) {
    const entry = parseEntry(value);
    if (entry) entries.push(entry);
    if (entries.length === limit) break;
  }
  return entries;
}

const finite = v.pipe(v.number(), v.finite());

const StoredErrorSchema = v.object({ message: v.string(), code: lenient(v.string()), correlationId: lenient(v.string()) });

const StoredEntrySchema = v.object({
  at: finite,
  accountLabel: v.string(),
  endpoint: v.string(),
  operationName: v.string(),
  requestUri: lenient(v.string()),
  responseUri: lenient(v.string()),
  outcome: v.picklist(OUTCOMES),
  status: lenient(finite),
  durationMs: lenient(finite),
  sizeBytes: lenient(finite),
  errorCount: finite,
  // A malformed error is dropped, the others kept.
  errors: v.fallback(v.pipe(v.array(v.unknown()), v.transform((items) => items.flatMap(parseError))), []),
  message: lenient(v.string()),
  allPages: lenient(v.object({ pages: finite, items: finite, end: v.string() })),
  // The id names a file in the extension's storage: only the form the store itself writes is taken.
  keptResponse: lenient(v.object({ id: v.pipe(v.string(), v.uuid()), bytes: finite })),
});

/** The schema names every field kept (valibot drops any other), so nothing else reaches the history. */
function parseEntry(value: unknown): HistoryEntry | undefined {
  const parsed = v.safeParse(StoredEntrySchema, value);
  if (!parsed.success) return undefined;
  const { allPages, keptResponse, ...entry } = parsed.output;
  return { ...entry, ...(allPages && { allPages }), ...(keptResponse && { keptResponse }) };
}

function parseError(value: unknown): HistoryError[] {
  const parsed = v.safeParse(StoredErrorSchema, value);
  return parsed.success ? [{ message: parsed.output.message, code: parsed.output.code, correlationId: parsed.output.correlationId }] : [];
}

function trim(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;
}
