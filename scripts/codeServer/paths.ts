import * as path from 'node:path';

/** code-server 4.100.3 is VS Code 1.100.3, the newest release that still runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Ignored by git: everything a real-VS-Code run downloads or creates lives under here. */
export const vscodeTestDir = path.join(repoRoot, '.vscode-test');

/** code-server gets a package.json of its own here so npm never touches the project's. */
export const codeServerCacheDir = path.join(vscodeTestDir, 'code-server');
export const codeServerPackageDir = path.join(codeServerCacheDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');
export const codeServerStamp = path.join(codeServerCacheDir, `installed-${CODE_SERVER_VERSION}.stamp`);

/** `npm run package` writes the product here. */
export const productVsix = path.join(repoRoot, 'dist', 'pipefy-playground.vsix');
