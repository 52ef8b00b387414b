import * as vscode from 'vscode';

/**
 * The failure notices still on screen, by the request file they are about, so that the success
 * that follows a fix does not show under a stale red "not sent". VS Code lets an extension close
 * none of its notifications; hiding the toasts is the nearest it allows. They move to the
 * notification centre, where nothing is lost (another extension's too), and the success shows alone.
 */
class FailureNotices {
  private readonly open = new Map<string, number>();
  private readonly keys = new WeakMap<object, string>();

  /** Marks a failure as being about `key` (a request file's URI); the error itself is returned. */
  about(error: unknown, key: string): unknown {
    if (typeof error === 'object' && error !== null) this.keys.set(error, key);
    return error;
  }

  /** Notes a failure's notice until the user closes it or clicks a button; `about` is the key, or an error marked with one. */
  shown(about: unknown, closed: Thenable<unknown>): void {
    const key = typeof about === 'string' ? about : typeof about === 'object' && about !== null ? this.keys.get(about) : undefined;
    if (key === undefined) return;
    this.open.set(key, (this.open.get(key) ?? 0) + 1);
    void closed.then(() => this.release(key), () => this.release(key));
  }

  /** Before a success about `key` shows: hides the toasts if a failure about it is still up. */
  async succeeded(key: string): Promise<void> {
    if (!this.open.has(key)) return;
    // Hidden, each stays in the notification centre: the notice is out of sight, not closed.
    this.open.delete(key);
    await vscode.commands.executeCommand('notifications.hideToasts').then(undefined, () => undefined);
  }

  private release(key: string): void {
    const count = (this.open.get(key) ?? 0) - 1;
    if (count > 0) this.open.set(key, count);
    else this.open.delete(key);
  }
}

/** One for the extension host: the command runner shows failures, the request runner successes. */
export const failureNotices = new FailureNotices();
