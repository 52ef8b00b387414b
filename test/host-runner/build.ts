import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { repoRoot } from '../../scripts/codeServer/paths';

export const HOST_RUNNER_ID = 'pipefy-playground.pipefy-test-host-runner';
/** Also an extensionDevelopmentPath for `npm run test:electron` (.vscode-test.mjs). */
export const hostRunnerOutDir = path.join(repoRoot, 'out', 'host-runner');
export const hostRunnerVsix = path.join(repoRoot, 'out', 'pipefy-test-host-runner.vsix');

/** Bundles the test-only extension and packages it, so code-server can install it next to the product. */
export async function buildHostRunner(): Promise<string> {
  fs.rmSync(hostRunnerOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'src', 'extension.ts')],
    outfile: path.join(hostRunnerOutDir, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(__dirname, 'package.json'), path.join(hostRunnerOutDir, 'package.json'));
  await createVSIX({
    cwd: hostRunnerOutDir,
    packagePath: hostRunnerVsix,
    dependencies: false,
    allowMissingRepository: true,
    skipLicense: true,
    // It must be active before the product activates, to watch the product's network use.
    allowStarActivation: true,
  });
  return hostRunnerVsix;
}

if (require.main === module) {
  buildHostRunner().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
