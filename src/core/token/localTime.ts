/**
 * A moment in the user's local time and format; the date is added only when it is not today.
 * One wording for the status bar, the sidebar and the Try It panel. Browser-safe: the webview imports it too.
 */
export function formatLocalTime(epochMs: number, now: number = Date.now()): string {
  const date = new Date(epochMs);
  return date.toDateString() === new Date(now).toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}
