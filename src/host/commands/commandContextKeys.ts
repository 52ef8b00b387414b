import * as vscode from 'vscode';
import type { ActiveTokenSnapshot, ActiveTokenState } from '../tokens/activeTokenState';

/**
 * Context keys for the manifest's `when` clauses: `pipefy.hasAccount` (any account is saved) and
 * `pipefy.hasToken` (the active account has a cached token, valid or not).
 */
export class CommandContextKeys implements vscode.Disposable {
  private readonly values = new Map<string, boolean>();
  private readonly subscription: vscode.Disposable;

  constructor(state: ActiveTokenState) {
    this.subscription = state.onDidChange((snapshot) => this.update(snapshot));
    this.update(state.current);
  }

  private update(snapshot: ActiveTokenSnapshot): void {
    this.set('pipefy.hasAccount', snapshot.accountCount > 0);
    this.set('pipefy.hasToken', snapshot.token !== undefined);
  }

  private set(key: string, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
