/**
 * A moment in the user's local time and format; the date is added only when it is not today.
 * One rule for the status bar, the sidebar, the history and the Try It panel. Browser-safe: the webview imports it too.
 */
export function formatLocalTime(epochMs: number, now: number = Date.now()): string {
  const date = new Date(epochMs);
  return isSameLocalDay(date, new Date(now)) ? date.toLocaleTimeString() : date.toLocaleString();
}

/** `14:03` today, `Mar 1 14:03` on another day: for a narrow column whose tooltip has the full time. */
export function formatShortLocalTime(epochMs: number, now: number): string {
  const date = new Date(epochMs);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return isSameLocalDay(date, new Date(now)) ? time : `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

function isSameLocalDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}
