import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../../scripts/codeServer/chromium';
import { startCodeServer, type CodeServer } from '../../scripts/codeServer/host';
import { installCodeServer } from '../../scripts/codeServer/install';
import { productVsix, repoRoot, vscodeTestDir } from '../../scripts/codeServer/paths';
import { hostRunnerVsix } from '../host-runner/build';
import { buildIntegrationSuite, integrationEntry, integrationWorkspace } from './build';
import { formatResults, type SuiteLoadError, type SuiteResults } from './results';

// The load test waits out a 30-second rate-limit window by design, on machines that may be shared.
const RESULTS_TIMEOUT_MS = 10 * 60_000;
const failureDir = path.join(repoRoot, 'test-results', 'integration');

async function waitForResults(file: string, codeServer: CodeServer): Promise<SuiteResults | SuiteLoadError> {
  const deadline = Date.now() + RESULTS_TIMEOUT_MS;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) {
      return { error: `No results after ${RESULTS_TIMEOUT_MS / 1000} s; did the extension host start? See ${codeServer.logsDir}.` };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults | SuiteLoadError;
}

/** Keeps VS Code's logs (extension host included) of a failed run, which stop() would delete. */
function keepLogs(codeServer: CodeServer): string {
  fs.rmSync(failureDir, { recursive: true, force: true });
  fs.cpSync(codeServer.logsDir, path.join(failureDir, 'logs'), { recursive: true });
  fs.copyFileSync(codeServer.serverLog, path.join(failureDir, 'code-server.log'));
  return failureDir;
}

/**
 * Runs the integration suite inside code-server's extension host: installs the product and the
 * test host runner, opens the workbench in Chromium (the extension host starts only when a window
 * connects), waits for the runner's results file and reports it like mocha would.
 */
async function main(): Promise<boolean> {
  await buildIntegrationSuite();
  await installCodeServer();
  fs.mkdirSync(path.join(vscodeTestDir, 'runs'), { recursive: true });
  const resultsFile = path.join(vscodeTestDir, 'runs', `integration-results-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });

  const codeServer = await startCodeServer({
    extensions: [productVsix, hostRunnerVsix],
    workspace: integrationWorkspace,
    // The suite tests the API, not the trust dialog; e2e tests cover that.
    settings: { 'security.workspace.trust.enabled': false },
    env: { PIPEFY_HOST_TESTS: integrationEntry, PIPEFY_HOST_TEST_RESULTS: resultsFile },
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await codeServer.stop();
    throw error;
  });
  try {
    console.log(`\n  Integration tests in the extension host of code-server (${codeServer.url})`);
    // A shared, busy machine may take longer than the default 30 s to serve the workbench page.
    await (await browser.newPage()).goto(codeServer.url, { timeout: 120_000 });
    const results = await waitForResults(resultsFile, codeServer);
    const passed = !('error' in results) && results.failures === 0 && results.passes > 0;
    if ('error' in results) console.error(`\n  The suite did not run:\n${results.error}`);
    else process.stdout.write(formatResults(results));
    if (!passed) console.error(`  VS Code logs (extension host included) kept in ${keepLogs(codeServer)}\n`);
    return passed;
  } finally {
    fs.rmSync(resultsFile, { force: true });
    await browser.close().catch(() => undefined);
    await codeServer.stop();
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
