import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { repoRoot } from '../codeServer/paths';

const outDir = path.join(repoRoot, 'out', 'demo-setup');
export const demoSetupVsix = path.join(repoRoot, 'out', 'pipefy-demo-setup.vsix');

/** Bundles and packages the demo's helper extension (a few KB), to install next to the product. */
export async function buildDemoSetup(): Promise<string> {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'extension.ts')],
    outfile: path.join(outDir, 'extension.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'error',
  });
  fs.copyFileSync(path.join(__dirname, 'package.json'), path.join(outDir, 'package.json'));
  await createVSIX({ cwd: outDir, packagePath: demoSetupVsix, dependencies: false, allowMissingRepository: true, skipLicense: true });
  return demoSetupVsix;
}

if (require.main === module) {
  buildDemoSetup().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
