import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the integration suite's entry module (test/integration/index.ts) exports. */
interface SuiteModule {
  runSuite(): Promise<unknown>;
}

/**
 * Runs the suite named by PIPEFY_HOST_TESTS and writes its results as JSON to
 * PIPEFY_HOST_TEST_RESULTS, where the process that started code-server waits for them.
 */
export async function runSuiteFromEnvironment(): Promise<void> {
  const suitePath = process.env.PIPEFY_HOST_TESTS;
  const resultsPath = process.env.PIPEFY_HOST_TEST_RESULTS;
  if (!suitePath || !resultsPath) return;
  let results: unknown;
  try {
    // A plain runtime require: the suite is built separately and must not be bundled in here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = require(suitePath) as SuiteModule;
    results = await suite.runSuite();
  } catch (error) {
    results = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  // Write then rename, so the waiting process never reads half a file.
  fs.mkdirSync(path.dirname(resultsPath), { recursive: true });
  fs.writeFileSync(`${resultsPath}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${resultsPath}.tmp`, resultsPath);
}
