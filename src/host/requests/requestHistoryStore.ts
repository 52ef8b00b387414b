import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { type KeptResponse, type KeptResponseRef, MAX_KEPT_RESPONSE_BYTES, keepsResponse, parseKeptResponse, redactKeptResponse, responsesToKeep } from '../../core/requests/keptResponses';
import type { Log } from '../log';
import { type HistoryEntry, addHistoryEntry, historyEntry, parseHistory } from '../../core/requests/requestHistory';

const HISTORY_KEY = 'pipefy.requestHistory';

/**
 * The last 50 runs in global state, and the last runs' responses as files in the extension's
 * storage (pipefy.history.keepResponses). Every entry and every response passes the log's
 * redactor on the way in, so a token or secret that turned up in an error message or a body is
 * never stored: secrets live in SecretStorage only.
 */
export class RequestHistoryStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
    private readonly responsesFolder: vscode.Uri,
    private readonly keepResponses: () => number,
  ) {}

  private readonly redact = (text: string) => this.log.redactor.redact(text);

  list(): HistoryEntry[] {
    return parseHistory(this.state.get<unknown>(HISTORY_KEY));
  }

  /** Adds a run, with its response kept when given and allowed; the responses of entries that fall out go with them. */
  async add(entry: HistoryEntry, response?: KeptResponse): Promise<void> {
    const before = this.list();
    const keptResponse = response && (await this.keep(response));
    const history = addHistoryEntry(before, historyEntry({ ...entry, keptResponse }, this.redact));
    await this.state.update(HISTORY_KEY, history);
    this.changed.fire();
    // Only responses this window's entries name are dropped: another window may have just kept one it has not told us of.
    const keep = this.keptIds(history);
    const named = [...before, ...history].flatMap((item) => (item.keptResponse ? [item.keptResponse.id] : []));
    await Promise.all(named.filter((id) => !keep.has(id)).map((id) => this.delete(id)));
  }

  /** The ids of the responses that may be shown again. */
  keptIds(history: readonly HistoryEntry[] = this.list()): Set<string> {
    return responsesToKeep(history, { count: this.keepResponses(), bytes: MAX_KEPT_RESPONSE_BYTES });
  }

  async readResponse(id: string): Promise<KeptResponse | undefined> {
    try {
      return parseKeptResponse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileOf(id))));
    } catch {
      return undefined;
    }
  }

  async clear(): Promise<void> {
    await this.state.update(HISTORY_KEY, undefined);
    await vscode.workspace.fs.delete(this.responsesFolder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** A response that cannot be written, or is over the bound on its own, is simply not kept: the run is recorded all the same. */
  private async keep(response: KeptResponse): Promise<KeptResponseRef | undefined> {
    if (!keepsResponse(response, this.keepResponses())) return undefined;
    const bytes = new TextEncoder().encode(JSON.stringify(redactKeptResponse(response, this.redact)));
    if (bytes.byteLength > MAX_KEPT_RESPONSE_BYTES) return undefined;
    const id = randomUUID();
    try {
      await vscode.workspace.fs.createDirectory(this.responsesFolder);
      await vscode.workspace.fs.writeFile(this.fileOf(id), bytes);
      return { id, bytes: bytes.byteLength };
    } catch (error) {
      this.log.error('The response could not be kept with the history; the run is recorded without it', error);
      return undefined;
    }
  }

  private delete(id: string): Thenable<void> {
    return vscode.workspace.fs.delete(this.fileOf(id), { useTrash: false }).then(undefined, () => undefined);
  }

  private fileOf(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.responsesFolder, `${id}.json`);
  }
}
