import * as fs from 'node:fs';
import { listFiles } from '../../e2e/helpers/secretScan';
import { waitUntil } from '../../e2e/helpers/waitUntil';
import { e2eSession } from '../../e2e/session';

/**
 * The Pipefy log of one window's extension host, on disk under code-server's logs folder. Each
 * window has its own; the one a test means is the one holding a marker only its window wrote
 * (an account label). The channel writes to disk in the background, so reads wait.
 */
export class PipefyLog {
  private constructor(readonly file: string) {}

  static async containing(marker: string): Promise<PipefyLog> {
    const { logsDir } = e2eSession().codeServer;
    const file = await waitUntil(async () => {
      const logs = listFiles([logsDir]).filter(({ file: name }) => /Pipefy\.log$/.test(name));
      return logs.find(({ file: name }) => fs.readFileSync(name, 'utf8').includes(marker))?.file;
    }, () => `a Pipefy log under ${logsDir} containing ${JSON.stringify(marker)}`, 60_000);
    return new PipefyLog(file);
  }

  text(): string {
    return fs.readFileSync(this.file, 'utf8');
  }

  /** How many lines contain `fragment`. */
  count(fragment: string): number {
    return this.text().split('\n').filter((line) => line.includes(fragment)).length;
  }

  async waitForLine(expected: RegExp, timeoutMs = 30_000): Promise<string> {
    return waitUntil(async () => this.text().split('\n').find((line) => expected.test(line)),
      () => `the Pipefy log ${this.file} to have a line matching ${String(expected)}`, timeoutMs);
  }

  /** Waits until more lines than `before` contain `fragment`. */
  async waitForMore(fragment: string, before: number, timeoutMs = 30_000): Promise<void> {
    await waitUntil(async () => (this.count(fragment) > before ? true : undefined),
      () => `the Pipefy log ${this.file} to log "${fragment}" again (it did ${before} time(s) before)`, timeoutMs);
  }
}
