import type { AllPagesResult } from './allPages';
import { describeAllPages } from './allPagesView';
import type { ExportFormat } from './itemExport';
import type { HistoryEntry, RunOutcome } from './requestHistory';
import type { RunRecord } from './runReport';

export interface AllPagesReport {
  /** The one line that says how the run ended, for the result's header, the notice and the log. */
  readonly message: string;
  readonly record: RunRecord & Pick<HistoryEntry, 'allPages'>;
  readonly notice: { readonly level: 'information' | 'warning'; readonly exports: readonly ExportFormat[] };
}

/** The notice's Export buttons, in the order shown. */
const EXPORTS_OFFERED: readonly ExportFormat[] = ['csv', 'json', 'ndjson'];

/**
 * How a Run All Pages is reported: the history entry (one per run) and the notice. Error
 * messages come from the server, so `redact` runs over them before they are shown or kept.
 */
export function reportAllPages(result: AllPagesResult, maxItems: number, capSetting: string, redact: (text: string) => string): AllPagesReport {
  const failure = result.failure && { ...result.failure, message: redact(result.failure.message) };
  const message = describeAllPages({ ...result, failure }, maxItems, capSetting);
  return {
    message,
    record: {
      outcome: historyOutcome(result),
      status: result.lastStatus,
      durationMs: result.durationMs,
      errorCount: result.end === 'failed' ? 1 : 0,
      errors: failure ? [{ message: `Page ${failure.page}: ${failure.message}` }] : [],
      message: result.end === 'complete' ? undefined : message,
      allPages: { pages: result.pages, items: result.items, end: result.end },
    },
    notice: { level: result.end === 'complete' ? 'information' : 'warning', exports: result.items ? EXPORTS_OFFERED : [] },
  };
}

/** A failed page is a failed run (no answer), an HTTP error, or GraphQL errors in a good answer; any other end got what it asked for. */
function historyOutcome(result: AllPagesResult): RunOutcome {
  if (result.end !== 'failed') return 'ok';
  if (result.lastStatus === undefined) return 'failed';
  return result.lastStatus >= 200 && result.lastStatus < 300 ? 'graphql_errors' : 'http_error';
}
