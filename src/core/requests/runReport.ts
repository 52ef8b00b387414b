import type { GraphQLErrorSummary } from '../graphql/errorEnvelope';
import { GraphQLRequestError, OriginHeldError } from '../graphql/graphqlRunner';
import type { ErrorAdvice } from './errorAdvice';
import type { HistoryEntry } from './requestHistory';
import { outcomeOfAnswer } from './requestHistory';
import { type ResponseFacts, describeGraphQLError, isCleanResponse, statusText, summariseResponse } from './responseSummary';

/** What the history records of one run, besides who ran what where and when. */
export type RunRecord = Pick<HistoryEntry, 'outcome'> & Partial<Pick<HistoryEntry, 'status' | 'durationMs' | 'sizeBytes' | 'errorCount' | 'errors' | 'message'>>;

/** A button on the run's notification. */
export type RunNoticeAction =
  /** Runs inviteMembers with an admin's account chosen then, adding the account to the pipe that refused it. */
  | 'addToPipe'
  /** Writes an inviteMembers request that adds the account to the pipe that refused it. */
  | 'writeInvite'
  /** Opens the variables file beside the request: the error names a variable or an ID it may hold. */
  | 'openVariables'
  /** Brings the response view forward. */
  | 'showResponse'
  /** Runs the same operation once as another saved account (a pipe's admin), which stays not active. */
  | 'runAsAnother';

export interface RunNotice {
  readonly level: 'information' | 'warning';
  readonly text: string;
  readonly actions: readonly RunNoticeAction[];
  /** What the inviteMembers request is filled with, when `writeInvite` is offered. */
  readonly invite?: NonNullable<ErrorAdvice['invite']>;
}

export interface AnsweredRunInput {
  readonly operationLabel: string;
  /** The answer, its errors already redacted. */
  readonly response: ResponseFacts & { readonly retriedAfter401: boolean; readonly pacedMs: number };
  readonly advice: readonly ErrorAdvice[];
  /** After a 429: until when requests to the origin are held. */
  readonly lockout?: string;
  /** The view shows only the first part of the body. */
  readonly truncation?: string;
  /** The variables the run sent, and whether they came from a variables file that can be opened. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly hasVariablesFile: boolean;
}

export interface AnsweredRunReport {
  /** `200 OK · 123 ms · 2 KB · 1 GraphQL error: …`, for the log and the command's result. */
  readonly summary: string;
  readonly clean: boolean;
  readonly record: RunRecord;
  readonly notice: RunNotice;
  readonly log: ReadonlyArray<{ readonly level: 'info' | 'warn'; readonly text: string }>;
}

/** At most this many buttons on a run's notice: a fourth is cut off in a toast's width. */
const MAX_NOTICE_ACTIONS = 3;

/**
 * How a run that got an answer is reported. A clean answer's notice says status, time and size. A
 * failure's notice stays within three lines of a toast with its buttons: the first error's message
 * and code (a 2xx with errors leads with it, since "200 OK" says nothing about what went wrong),
 * or the failed status, then the advice in brief. The response view beside it has the rest: time,
 * size, every error with its correlation id, the advice in full.
 */
export function reportAnsweredRun(input: AnsweredRunInput): AnsweredRunReport {
  const { operationLabel, response, advice } = input;
  const { errors } = response;
  const summary = summariseResponse(response);
  const clean = isCleanResponse(response);
  const succeeded = response.status >= 200 && response.status < 300;
  const headline = clean ? [summary] : [succeeded && errors.length ? undefined : statusText(response.status), ...failureHeadline(response)];
  const text = [`Pipefy: ${operationLabel}`, ...headline, input.truncation, input.lockout, ...advice.map((item) => item.brief)].filter(Boolean).join(' · ');

  const invite = advice.find((item) => item.invite)?.invite;
  const actions: RunNoticeAction[] = [];
  if (!clean) {
    if (advice.some((item) => item.runAsAnother)) actions.push('runAsAnother');
    if (invite?.pipeId) actions.push('addToPipe');
    if (invite) actions.push('writeInvite');
    if (input.hasVariablesFile && errors.some((error) => namesVariableOrId(error, input.variables))) actions.push('openVariables');
    actions.push('showResponse');
  }
  actions.splice(MAX_NOTICE_ACTIONS);

  const retried = response.retriedAfter401 ? ' The token had been refused (401), so the request was sent again with a newer token.' : '';
  const log: Array<AnsweredRunReport['log'][number]> = [{ level: 'info', text: `${operationLabel}: ${summary}.${retried}` }];
  if (response.pacedMs > 0) log.push({ level: 'info', text: `${operationLabel}: waited ${response.pacedMs} ms for room in the rate-limit window before it was sent.` });
  if (input.lockout) log.push({ level: 'warn', text: `${operationLabel}: ${input.lockout}` });

  return {
    summary,
    clean,
    record: {
      outcome: outcomeOfAnswer(response),
      status: response.status,
      durationMs: response.durationMs,
      sizeBytes: response.sizeBytes,
      errorCount: errors.length,
      errors: errors.map(({ message, code, correlationId }) => ({ message, code, correlationId })),
      message: response.problem?.message,
    },
    notice: { level: clean ? 'information' : 'warning', text, actions, invite: actions.includes('writeInvite') ? invite : undefined },
    log,
  };
}

/** Refusals whose fix is not in the body: the notice says what happened and what to do, whole. */
const WHOLE_PROBLEMS: ReadonlySet<string> = new Set(['unauthorized', 'rate_limited']);

/**
 * What a failed answer's notice says after its status. A 401 after the retry or a 429 says what
 * happened and what to do, whole, as its errors[] would not; so does a problem no error explains
 * (a 200 that is not JSON). Otherwise the first error leads.
 */
function failureHeadline(response: AnsweredRunInput['response']): Array<string | undefined> {
  const { problem, errors } = response;
  if (problem && (WHOLE_PROBLEMS.has(problem.code) || !errors.length)) return [problem.code === 'http_error' ? problem.message : `${problem.message} ${problem.hint}`];
  return [briefErrors(errors)];
}

/** The most of a server's error message a notice shows: about a line and a half of a toast. */
const NOTICE_MESSAGE_CHARS = 70;

/**
 * `Permission denied (PERMISSION_DENIED)`, or `… and 2 more errors`: the first error, its message
 * cut to a line and a half, without the correlation id. The view shows every error whole.
 */
function briefErrors(errors: readonly GraphQLErrorSummary[]): string | undefined {
  if (!errors.length) return undefined;
  const [first] = errors;
  const message = first.message.length > NOTICE_MESSAGE_CHARS ? `${first.message.slice(0, NOTICE_MESSAGE_CHARS - 1).trimEnd()}…` : first.message;
  const more = errors.length === 1 ? '' : ` and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'}`;
  return `${describeGraphQLError({ message, code: first.code })}${more}`;
}

/** Codes Pipefy answers when the ID a request names is wrong or not the account's to see. */
const ID_CODES = new Set(['PERMISSION_DENIED', 'RESOURCE_NOT_FOUND', 'NOT_FOUND']);

/**
 * Whether an error points at the variables: it names a variable (`Variable $pipeId …`), a field
 * that holds an ID (`pipe_id must be a number`), an ID the run sent, or it is the answer Pipefy
 * gives to an ID that is wrong or not the account's, while the run sent variables.
 */
export function namesVariableOrId(error: Pick<GraphQLErrorSummary, 'message' | 'code'>, variables: Readonly<Record<string, unknown>>): boolean {
  const { message } = error;
  if (/\$\w+|\bvariables?\b/i.test(message)) return true;
  if (/\b(?:id|ID|\w+_id|\w+Id)\b/.test(message)) return true;
  const ids = idValues(variables);
  if (ids.some((value) => new RegExp(`(^|[^\\w-])${escapeRegExp(value)}($|[^\\w-])`).test(message))) return true;
  return error.code !== undefined && ID_CODES.has(error.code) && Object.keys(variables).length > 0;
}

/** The values among the variables that look like IDs: digits, or a UUID. */
function idValues(value: unknown, depth = 0): string[] {
  if (typeof value === 'number' && Number.isInteger(value)) return [String(value)];
  if (typeof value === 'string') return /^\d+$|^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(value.trim()) ? [value.trim()] : [];
  if (depth > 5 || value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap((inner) => idValues(inner, depth + 1));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type UnansweredRunReport =
  | { readonly kind: 'cancelled'; readonly record: RunRecord }
  /** Not sent, or sent and never answered: what to tell the user; `sendAnyway` when a 429 hold may be overridden. */
  | { readonly kind: 'failed'; readonly record: RunRecord; readonly message: string; readonly sendAnyway: boolean }
  /** Not the runner's own failure (a token request that failed, say): the caller's error handling explains it. */
  | { readonly kind: 'other'; readonly record: RunRecord };

/** How a run that got no answer is reported: refused before sending (origin not allowed, held after a 429) or failed. */
export function reportUnansweredRun(operationLabel: string, error: unknown): UnansweredRunReport {
  const refused = error instanceof GraphQLRequestError && (error.code === 'origin_not_allowed' || error.code === 'redirect_cross_origin' || error.code === 'held');
  const record: RunRecord = { outcome: refused ? 'refused' : 'failed', message: error instanceof Error ? error.message : String(error) };
  if (!(error instanceof GraphQLRequestError)) return { kind: 'other', record };
  if (error.code === 'cancelled') return { kind: 'cancelled', record };
  if (error instanceof OriginHeldError) return { kind: 'failed', record, message: `${operationLabel} was not sent: ${error.message} ${error.hint}`, sendAnyway: true };
  const verb = error.code === 'origin_not_allowed' ? 'was not sent' : 'failed';
  return { kind: 'failed', record, message: `${operationLabel} ${verb}: ${error.message} ${error.hint}`, sendAnyway: false };
}
