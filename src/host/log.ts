import * as vscode from 'vscode';
import { Redactor } from '../core/log/redact';

/** Everything the extension logs goes through here, so no line can skip redaction and no secret or token reaches the log. */
export class Log implements vscode.Disposable {
  readonly redactor = new Redactor();
  private readonly channel = vscode.window.createOutputChannel('Pipefy', { log: true });

  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }

  /** `message: [code] what went wrong`, where the code comes from TokenRequestError and friends. */
  error(message: string, error?: unknown): void {
    this.channel.error(this.redactor.redact(message + describeError(error)));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function describeError(error: unknown): string {
  if (error === undefined) return '';
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `: ${typeof code === 'string' ? `[${code}] ` : ''}${error.message}`;
  }
  return `: ${String(error)}`;
}
