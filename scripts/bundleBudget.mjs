// The size budgets of the built bundles, checked after every production build (and so before every
// package): the main bundle is loaded at every activation, and the webview's on every Try It open.
// The schema and language features load on first use and have no budget here. The main bundle's
// budget went from 250 to 260 KiB when its input checks became valibot schemas (valibot's share is
// 13 KiB) and Run All Pages learnt three more of Pipefy's list shapes; axios (63 KiB) is already
// trimmed to its Node adapter, and the parsers and the single-command modules (dist/firstUse/)
// load on first use.
import { statSync } from 'node:fs';

const KIB = 1024;
const budgets = [
  { file: 'dist/extension.js', limit: 260 * KIB },
  { file: 'dist/webview/tryIt.js', limit: 200 * KIB },
];

let over = false;
for (const { file, limit } of budgets) {
  const size = statSync(file).size;
  const line = `${file}: ${(size / KIB).toFixed(1)} KiB of ${limit / KIB} KiB`;
  if (size > limit) {
    over = true;
    console.error(`Over budget: ${line}. Load the new code on first use (see esbuild.mjs) or trim it.`);
  } else console.log(line);
}
if (over) process.exit(1);
