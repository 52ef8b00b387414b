import type { AllPagesResult, PageProgress } from './allPages';

/** How Run All Pages reads to the user: the progress line while it runs and the headline after. */

const count = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, word: string) => `${count(value)} ${word}${value === 1 ? '' : 's'}`;

/** `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * `Page 7 · 350 items · at most 3 min 10 s left at this pace`. The total is not known until the
 * last page (Pipefy's connections do not count their items), so the time left is the time to the
 * item cap at the pace so far: an upper bound, never a promise.
 */
export function describeProgress(progress: PageProgress, maxItems: number): string {
  const head = `Page ${count(progress.page)} · ${plural(progress.items, 'item')}`;
  if (progress.items === 0 || progress.elapsedMs <= 0) return head;
  const left = ((maxItems - progress.items) * progress.elapsedMs) / progress.items;
  return `${head} · at most ${formatDuration(left)} left at this pace`;
}

/** `Complete: 200 pages, 10,000 items in 12.3 s`, and so on for the other ends. */
export function describeAllPages(result: AllPagesResult, maxItems: number, capSetting: string): string {
  const got = `${plural(result.pages, 'page')}, ${plural(result.items, 'item')} in ${formatDuration(result.durationMs)}`;
  switch (result.end) {
    case 'complete':
      return `Complete: ${got}`;
    case 'capped':
      return `Stopped at the cap of ${count(maxItems)} items (${capSetting}); there are more: ${got}`;
    case 'cancelled':
      return result.pages ? `Cancelled after page ${count(result.pages)}; kept ${got}` : `Cancelled before any page came back: ${got}`;
    case 'failed': {
      const failure = result.failure ?? { page: result.pages + 1, message: 'unknown error' };
      return `Failed on page ${count(failure.page)}: ${failure.message.replace(/\.?\s*$/, '')}. Kept ${got}`;
    }
  }
}

/** Why Run All Pages does not run an operation: the shapes it can follow. */
export function describeNotPaginated(operationLabel: string): string {
  return (
    `${operationLabel} does not page through a connection: Run All Pages needs a query with an "$after: String" (or "$cursor") variable passed to a connection that selects pageInfo { hasNextPage endCursor } and edges { node } (or nodes), ` +
    'or one with a "$page: Int" variable passed as pagination: { page: $page } to a list that selects next_page (or nextPage) and its items.'
  );
}
