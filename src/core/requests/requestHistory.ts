/**
 * The history of runs (SPEC §3 F): the last 50, newest first. An entry is built from named fields
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

function parseEntry(value: unknown): HistoryEntry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!isNumber(v.at) || !isString(v.accountLabel) || !isString(v.endpoint) || !isString(v.operationName)) return undefined;
  if (!OUTCOMES.includes(v.outcome as RunOutcome) || !isNumber(v.errorCount)) return undefined;
  const errors = Array.isArray(v.errors) ? v.errors.flatMap((e) => parseError(e)) : [];
  return {
    at: v.at,
    accountLabel: v.accountLabel,
    endpoint: v.endpoint,
    operationName: v.operationName,
    requestUri: optional(v.requestUri, isString),
    responseUri: optional(v.responseUri, isString),
    outcome: v.outcome as RunOutcome,
    status: optional(v.status, isNumber),
    durationMs: optional(v.durationMs, isNumber),
    sizeBytes: optional(v.sizeBytes, isNumber),
    errorCount: v.errorCount,
    errors,
    message: optional(v.message, isString),
    ...parseAllPages(v.allPages),
  };
}

function parseAllPages(value: unknown): { allPages?: AllPagesHistory } {
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  if (!isNumber(v.pages) || !isNumber(v.items) || !isString(v.end)) return {};
  return { allPages: { pages: v.pages, items: v.items, end: v.end } };
}

function parseError(value: unknown): HistoryError[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  if (!isString(v.message)) return [];
  return [{ message: v.message, code: optional(v.code, isString), correlationId: optional(v.correlationId, isString) }];
}

function trim(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
function optional<T>(value: unknown, check: (value: unknown) => value is T): T | undefined {
  return check(value) ? value : undefined;
}
