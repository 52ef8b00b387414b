import * as v from 'valibot';
import type { AllPagesResult, EarlierPart, PageProgress, ResumePosition } from './allPages';
import type { AllPagesRecord } from './allPagesResults';
import type { Pagination } from './pagination';
import { endpointForHistory } from './requestHistory';

/**
 * Resume Run All Pages: where a run that ended before its last page can go on from, kept so that
 * it survives a window reload. What is kept names the request and the account and carries the
 * variables as sent (the user's own, from the request's variables file) and the next cursor or
 * page number; never a token, and never an item (those stay in memory, see allPagesResults.ts).
 */

/** The workspace-state key of the resume points: one per request operation, the latest run's. */
export const RESUME_POINTS_KEY = 'pipefy.runAllPages.resumePoints';
/** Points kept at most; the oldest go first. */
const MAX_POINTS = 20;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** How the run ended: `running` is a run still going, or one whose window closed or reloaded while it went. */
const ResumeEndSchema = v.picklist(['running', 'cancelled', 'failed', 'capped']);

export const ResumePointSchema = v.object({
  /** One run (both parts of a resumed one): the run whose items this window may still hold. */
  runId: v.string(),
  operationLabel: v.string(),
  requestUri: v.string(),
  operationName: v.optional(v.string()),
  /** 1-based line of the operation, for an anonymous one. */
  line: v.pipe(v.number(), v.integer(), v.minValue(1)),
  accountId: v.string(),
  accountLabel: v.string(),
  /** Origin and path only: a query string could carry something secret. */
  endpoint: v.string(),
  /** The query's fingerprint: a resume of an edited query would mix two queries' items. */
  query: v.string(),
  /** The variables as the first page sent them; the cursor or page variable is set to `next` on resume. */
  variables: v.record(v.string(), v.unknown()),
  next: v.union([v.string(), v.pipe(v.number(), v.integer())]),
  pages: count,
  items: count,
  durationMs: count,
  end: ResumeEndSchema,
  /** How the run ended, as the notice said it. */
  message: v.string(),
  /** Epoch ms of the last page taken or of the end. */
  at: v.number(),
});

export type ResumePoint = v.InferOutput<typeof ResumePointSchema>;
export type ResumeEnd = ResumePoint['end'];

/** What names a run: everything in a resume point but how far it got. */
export type RunIdentity = Omit<ResumePoint, 'next' | 'pages' | 'items' | 'durationMs' | 'end' | 'message' | 'at'>;

/** The stored points that still read as points; anything else (an older shape, a hand edit) is dropped. */
export function readResumePoints(stored: unknown): ResumePoint[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry) => {
    const parsed = v.safeParse(ResumePointSchema, entry);
    return parsed.success ? [parsed.output] : [];
  });
}

/** Which operation a point belongs to: a newer run of the same operation replaces it. */
export function operationKey(point: Pick<ResumePoint, 'requestUri' | 'operationName' | 'line'>): string {
  return `${point.requestUri}#${point.operationName ?? `line ${point.line}`}`;
}

/** The points with `point` as its operation's latest, newest last. */
export function withResumePoint(points: readonly ResumePoint[], point: ResumePoint): ResumePoint[] {
  const key = operationKey(point);
  return [...points.filter((other) => operationKey(other) !== key), point].slice(-MAX_POINTS);
}

/** The points without the operation's: its latest run completed, or cannot go on. */
export function withoutResumePoint(points: readonly ResumePoint[], key: string): ResumePoint[] {
  return points.filter((point) => operationKey(point) !== key);
}

/** `sha-ish` fingerprint of a query (FNV-1a, 32 bits): enough to notice an edit, and no copy of the query. */
export function queryFingerprint(query: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < query.length; index++) {
    hash ^= query.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** What a run needs to be named by a point; the endpoint is cut to origin and path here. */
export function runIdentity(run: Omit<RunIdentity, 'query' | 'endpoint'> & { readonly endpoint: string; readonly queryText: string }): RunIdentity {
  const { queryText, endpoint, ...rest } = run;
  return { ...rest, endpoint: endpointForHistory(endpoint), query: queryFingerprint(queryText) };
}

/**
 * The point to keep while a run goes, after each page: if the window closes or reloads now, the
 * run goes on from the next page. Undefined after the last page.
 */
export function pointWhileRunning(run: RunIdentity, progress: PageProgress, durationMs: number, at: number): ResumePoint | undefined {
  if (progress.next === undefined || progress.next === null) return undefined;
  const message = `Stopped after page ${progress.page.toLocaleString('en-US')} when the window closed or reloaded`;
  return { ...run, next: progress.next, pages: progress.page, items: progress.items, durationMs, end: 'running', message, at };
}

/**
 * The point a finished run leaves, or undefined when it cannot be resumed: complete; no page taken
 * yet (Run All Pages again is the same); or no next page to ask for (see AllPagesResult.next).
 * A capped run is resumable when its last page was taken whole: resume once the cap is raised.
 */
export function pointAfterRun(run: RunIdentity, result: AllPagesResult, message: string, at: number): ResumePoint | undefined {
  if (result.end === 'complete' || result.pages === 0 || !isPosition(result.next)) return undefined;
  return { ...run, next: result.next, pages: result.pages, items: result.items, durationMs: result.durationMs, end: result.end, message, at };
}

function isPosition(position: ResumePosition | undefined): position is string | number {
  return position !== undefined && position !== null;
}

/** Which run a Resume means: one given by the command's arguments, the only one, or a choice. */
export type ResumeChoice =
  | { readonly kind: 'one'; readonly point: ResumePoint }
  | { readonly kind: 'pick'; readonly points: readonly ResumePoint[] }
  | { readonly kind: 'none'; readonly message: string };

/**
 * Picks the point to resume. `target` narrows to a request file (and an operation in it); runs
 * still going in this window are not offered (`running` holds their run ids).
 */
export function chooseResumePoint(
  points: readonly ResumePoint[],
  target: { readonly uri?: string; readonly operationName?: string; readonly line?: number },
  running: ReadonlySet<string>,
): ResumeChoice {
  const idle = points.filter((point) => !running.has(point.runId));
  const matching = idle.filter(
    (point) =>
      (target.uri === undefined || point.requestUri === target.uri) &&
      (target.operationName === undefined || point.operationName === target.operationName) &&
      (target.line === undefined || point.line === target.line),
  );
  if (matching.length === 1) return { kind: 'one', point: matching[0] };
  if (matching.length > 1) return { kind: 'pick', points: [...matching].reverse() };
  if (target.uri !== undefined || target.operationName !== undefined || target.line !== undefined) {
    return { kind: 'none', message: 'That operation has no Run All Pages run to resume: its last run completed, or it has not been run all pages. Run All Pages starts it from the first page.' };
  }
  const still = points.length > idle.length ? ' The run that is going now can be resumed once it ends.' : '';
  return { kind: 'none', message: `There is no Run All Pages run to resume. A run that ends before its last page (cancelled, failed, rate-limited or interrupted by a reload) can be resumed.${still}` };
}

/** What a resume sends and counts from, or why it cannot go on. */
export type ResumePlan =
  | { readonly ok: true; readonly variables: Readonly<Record<string, unknown>>; readonly continues: EarlierPart }
  | { readonly ok: false; readonly message: string };

/**
 * Whether `point` can go on with the request as it is now: the same query, the same kind of
 * paging and the same endpoint, and room under the item cap. The variables are the ones the run
 * sent, so an edit of the variables file since does not mix two sets of items either.
 */
export function planResume(
  point: ResumePoint,
  now: { readonly queryText: string; readonly pagination: Pagination; readonly endpoint: string; readonly maxItems: number; readonly capSetting: string },
): ResumePlan {
  const again = 'Run All Pages runs it again from the first page.';
  if (queryFingerprint(now.queryText) !== point.query) {
    return { ok: false, message: `${point.operationLabel} was edited since its run stopped; resuming would mix the items of two queries. ${again}` };
  }
  const variable = now.pagination.kind === 'cursor' ? now.pagination.cursorVariable : now.pagination.pageVariable;
  if (typeof point.next !== (now.pagination.kind === 'cursor' ? 'string' : 'number')) {
    return { ok: false, message: `${point.operationLabel} no longer pages the way its run did. ${again}` };
  }
  const endpoint = endpointForHistory(now.endpoint);
  if (endpoint !== point.endpoint) {
    return { ok: false, message: `The account "${point.accountLabel}" now sends to ${endpoint}, but the run went to ${point.endpoint}. ${again}` };
  }
  if (point.items >= now.maxItems) {
    return {
      ok: false,
      message: `The run of ${point.operationLabel} already holds ${point.items.toLocaleString('en-US')} items, the cap (${now.capSetting} is ${now.maxItems.toLocaleString('en-US')}). Raise the cap to resume it.`,
    };
  }
  return { ok: true, variables: { ...point.variables, [variable]: point.next }, continues: { pages: point.pages, items: point.items, durationMs: point.durationMs } };
}

/** The quick pick's row for a point. */
export function describeResumePoint(point: ResumePoint, fileName: string, formatTime: (epochMs: number) => string): { label: string; description: string; detail: string } {
  return {
    label: point.operationLabel,
    description: `${fileName} · as ${point.accountLabel}`,
    detail: `${point.message} (${formatTime(point.at)}). Resume goes on from page ${(point.pages + 1).toLocaleString('en-US')}.`,
  };
}

/**
 * What of a resumed run this window's result will not hold: the whole part before when its items
 * are gone (a reload, or newer runs took their place), else what the held items already lacked.
 */
export function partNotHeld(continues: EarlierPart, held: Pick<AllPagesRecord, 'runId' | 'notHeld'> | undefined): EarlierCount | undefined {
  return held ? held.notHeld : { pages: continues.pages, items: continues.items };
}

/** Pages and items of a run's earlier parts. */
export type EarlierCount = Pick<EarlierPart, 'pages' | 'items'>;

/** The title of the result's Resume lens. */
export function resumeTitle(point: Pick<ResumePoint, 'pages'>): string {
  return `Resume from page ${(point.pages + 1).toLocaleString('en-US')}`;
}

/**
 * The result header's note when the items of the parts before are not in this window any more (it
 * was reloaded, or newer runs took their place): the document holds only the items from here on.
 */
export function continuationNote(point: Pick<ResumePoint, 'pages' | 'items'>): string {
  const items = `${point.items.toLocaleString('en-US')} item${point.items === 1 ? '' : 's'}`;
  return (
    `Continues from page ${(point.pages + 1).toLocaleString('en-US')}: the ${items} of pages 1–${point.pages.toLocaleString('en-US')} are not in this document ` +
    '(taken before a window reload, or dropped for newer runs); the counts include them.'
  );
}

/** `pipefy.resumeRunAllPages`'s arguments that resume `point`'s operation, for a button or a lens. */
export function resumeArgs(point: Pick<ResumePoint, 'requestUri' | 'operationName' | 'line'>) {
  return { uri: point.requestUri, ...(point.operationName ? { operationName: point.operationName } : { line: point.line }) };
}

/** The 429 hold on the endpoint's origin, if there is one now: a resume waits it out, or sends anyway. */
export function holdOn<T extends { readonly origin: string }>(lockouts: readonly T[], endpoint: string): T | undefined {
  let origin: string;
  try {
    origin = new URL(endpoint).origin;
  } catch {
    return undefined;
  }
  return lockouts.find((lockout) => lockout.origin === origin);
}
