import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer } from '../../scripts/codeServer/host';
import { repoRoot } from '../../scripts/codeServer/paths';

export const e2eResultsDir = path.join(repoRoot, 'test-results', 'e2e');

function slug(title: string): string {
  return title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80).toLowerCase();
}

/**
 * Keeps what is needed to understand a failed test after code-server is gone: a screenshot of each
 * page it opened, the extension host logs (including each extension's output channel) and the
 * server's own log. Returns the paths written.
 */
export async function saveFailureArtifacts(testTitle: string, pages: readonly Page[], codeServer: CodeServer | undefined): Promise<string[]> {
  const dir = path.join(e2eResultsDir, slug(testTitle));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [index, page] of pages.entries()) {
    const file = path.join(dir, `screenshot-${index + 1}.png`);
    if (await page.screenshot({ path: file, fullPage: true }).then(() => true, () => false)) written.push(file);
  }
  if (codeServer) {
    if (fs.existsSync(codeServer.logsDir)) {
      const logs = path.join(dir, 'logs');
      fs.cpSync(codeServer.logsDir, logs, { recursive: true });
      written.push(...findExtensionHostLogs(logs));
    }
    if (fs.existsSync(codeServer.serverLog)) {
      const file = path.join(dir, 'code-server.log');
      fs.copyFileSync(codeServer.serverLog, file);
      written.push(file);
    }
  }
  return written;
}

/** The extension host's main log in each session folder (`<date>/exthost<n>/remoteexthost.log`). */
export function findExtensionHostLogs(logsDir: string): string[] {
  return (fs.readdirSync(logsDir, { recursive: true }) as string[])
    .filter((file) => /exthost\d*[\\/]remoteexthost\.log$/.test(file))
    .map((file) => path.join(logsDir, file));
}
