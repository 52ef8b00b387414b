import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot, vscodeTestDir } from '../../scripts/codeServer/paths';
import { createSampleWorkspace } from '../../scripts/codeServer/workspace';
import { buildHostRunner } from '../host-runner/build';

export const integrationOutDir = path.join(repoRoot, 'out', 'integration');
/** Loaded by the host runner in code-server (see index.ts). */
export const integrationEntry = path.join(integrationOutDir, 'index.js');
/** Opened by both hosts, code-server and desktop VS Code (.vscode-test.mjs). */
export const integrationWorkspace = path.join(vscodeTestDir, 'integration-workspace');

/**
 * Compiles the suite to CommonJS for the extension host: each test file is bundled with what it
 * imports (fixtures, axios), while `vscode` comes from the host and `mocha` from node_modules.
 * Also builds the host runner and the workspace, so one call prepares both ways of running it.
 */
export async function buildIntegrationSuite(): Promise<void> {
  fs.rmSync(integrationOutDir, { recursive: true, force: true });
  const entryPoints = fs.readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.ts') || name === 'index.ts')
    .map((name) => path.join(__dirname, name));
  await bundleForExtensionHost(entryPoints, integrationOutDir);
  await buildHostRunner();
  createSampleWorkspace(integrationWorkspace);
}

/** Test files as CommonJS for the extension host, each with what it imports; `vscode` and `mocha` come from there. */
export async function bundleForExtensionHost(entryPoints: string[], outdir: string): Promise<void> {
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildIntegrationSuite().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
