import * as vscode from 'vscode';

/**
 * How long a run goes before its cancellable notification shows. Most runs answer sooner: their
 * result is the only notification, and the workbench does not draw and animate a toast, in the
 * same moments, for a run that is already over.
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
