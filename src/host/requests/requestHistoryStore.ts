import * as vscode from 'vscode';
import { type HistoryEntry, addHistoryEntry, historyEntry, parseHistory } from '../../core/requests/requestHistory';

const HISTORY_KEY = 'pipefy.requestHistory';

/**
 * The last 50 runs in global state. Every entry passes the log's redactor on the way
 * in, so a token or secret that turned up in an error message is never stored: secrets live in SecretStorage only.
 */
export class RequestHistoryStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly redact: (text: string) => string,
  ) {}

  list(): HistoryEntry[] {
    return parseHistory(this.state.get<unknown>(HISTORY_KEY));
  }

  async add(entry: HistoryEntry): Promise<void> {
    await this.state.update(HISTORY_KEY, addHistoryEntry(this.list(), historyEntry(entry, this.redact)));
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.state.update(HISTORY_KEY, undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
