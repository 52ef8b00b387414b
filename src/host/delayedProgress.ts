import * as vscode from 'vscode';

/**
 * How long a run goes before its cancellable notification shows. Most runs answer sooner, and
 * then their result is their only notification: no toast flashes up and away for a run already over.
 */
export const PROGRESS_NOTIFICATION_DELAY_MS = 1000;

/**
 * Runs `task` with the status bar's spinner from the start and, once it has taken
 * `delayMs`, a notification whose Cancel aborts `signal`.
 */
export async function withDelayedProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, delayMs = PROGRESS_NOTIFICATION_DELAY_MS): Promise<T> {
  const abort = new AbortController();
  const running = task(abort.signal);
  const over = running.then(() => undefined, () => undefined);
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => over);
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancellation) => {
      cancellation.onCancellationRequested(() => abort.abort());
      return over;
    });
  }, delayMs);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
  }
}
