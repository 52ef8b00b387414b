// Runs `npm ci` when node_modules is missing, so `npm test` and `npm run demo` work from a fresh
// clone. Plain Node with no imports from node_modules, because it runs before they exist.
// npm's own output (progress, deprecation warnings, funding notes) goes to a log file this names:
// a user's first start should show what they need, and the log is there when the install fails.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  const logDir = join(root, '.vscode-test', 'setup');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'npm-ci.log');
  const shown = relative(process.cwd(), logFile) || logFile;
  console.log(`[setup] Installing the dependencies (npm ci, a few minutes on a fresh clone); npm's output goes to ${shown}`);
  const log = openSync(logFile, 'w');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', log, log] });
  closeSync(log);
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
    console.error(`${tail}\n[setup] npm ci failed (exit ${result.status ?? result.signal}); the whole output is in ${shown}.`);
    process.exit(result.status ?? 1);
  }
  console.log('[setup] Dependencies installed.');
}
