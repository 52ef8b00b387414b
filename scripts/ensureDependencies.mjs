// Runs `npm ci` when node_modules is missing, so `npm test` and `npm run demo` work from a fresh
// clone. Plain Node with no imports from node_modules, because it runs before they exist.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[setup] node_modules is missing: running npm ci');
  const result = spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
