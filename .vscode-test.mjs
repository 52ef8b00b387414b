// `npm run test:electron`: the integration suite (test/integration) on desktop VS Code, for machines
// that can download it. On machines that cannot, `npm run test:integration` runs the same compiled
// files inside code-server. The test host runner is loaded next to the product because the suite
// reads its exports (a SecretStorage, the network tripwire).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  // The same VS Code as code-server 4.100.3, and the oldest that engines.vscode allows.
  version: '1.100.3',
  files: 'out/integration/**/*.test.js',
  extensionDevelopmentPath: ['.', 'out/host-runner'],
  workspaceFolder: '.vscode-test/integration-workspace',
  // Built-in and other installed extensions stay out of the way; development ones still load.
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'bdd', timeout: 60_000 },
});
