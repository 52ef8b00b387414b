import { formatShortLocalTime } from '../token/localTime';
import type { HistoryEntry } from './requestHistory';

/**
 * How a run reads in the History view, and what a click on it does. Pure, so the rules are tested
 * without an editor; the view only applies them.
 */

/** Operation as the label; status and time, short, as the description, so both fit a default-width sidebar. */
export function historyRow(entry: HistoryEntry, now: number): { readonly label: string; readonly description: string } {
  return { label: entry.operationName, description: `${shortOutcome(entry)} · ${formatShortLocalTime(entry.at, now)}` };
}

function shortOutcome(entry: HistoryEntry): string {
  if (entry.allPages) {
    const { pages, items, end } = entry.allPages;
    const counts = `${items.toLocaleString('en-US')} items, ${pages.toLocaleString('en-US')} pages`;
    return end === 'complete' ? counts : `${end} · ${counts}`;
  }
  if (entry.outcome === 'refused') return 'not sent';
  if (entry.status === undefined) return 'failed';
  return entry.errorCount ? `${entry.status} · ${entry.errorCount} error${entry.errorCount === 1 ? '' : 's'}` : String(entry.status);
}

export type HistoryClick =
  | { readonly kind: 'reopen'; readonly responseUri: string }
  | { readonly kind: 'restore'; readonly responseId: string }
  | { readonly kind: 'gone'; readonly message: string; readonly requestUri?: string };

/**
 * A click on a run shows its response again: its tab while that is still open in this window,
 * else the copy kept in storage (pipefy.history.keepResponses). Otherwise nothing is run again (a
 * mutation must never be resent by a click on the history): it says the response is gone, and
 * offers the request file.
 */
export function historyClick(entry: HistoryEntry, openDocumentUris: ReadonlySet<string>, keptIds: ReadonlySet<string> = new Set()): HistoryClick {
  if (entry.responseUri && openDocumentUris.has(entry.responseUri)) return { kind: 'reopen', responseUri: entry.responseUri };
  if (entry.keptResponse && keptIds.has(entry.keptResponse.id)) return { kind: 'restore', responseId: entry.keptResponse.id };
  const why =
    entry.outcome === 'refused' || entry.status === undefined
      ? `got no response${entry.message ? ` (${entry.message})` : ''}`
      : 'has a response that is gone: only the last runs\' responses are kept (pipefy.history.keepResponses), and a response too large to keep only while its tab is open';
  return { kind: 'gone', message: `The ${entry.operationName} run ${why}. Nothing was run again.`, requestUri: entry.requestUri };
}
