import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context, RootHookObject, Suite } from 'mocha';
import { describeLeaks, scanFilesCounted } from '../e2e/helpers/secretScan';
import { mochaHooks as e2eHooks } from '../e2e/hooks';
import { e2eSession, runningCodeServer } from '../e2e/session';
import { coverage, currentFigures, formatFigures, recordPassedTest, recordSecretScan, watchSandbox } from './figures';
import { runSecrets, sessionFiles } from './helpers/runSecrets';
import { SECURITY_LINES, securityLinesOfTitle } from './specLines';

/**
 * Root hooks of the security run: the e2e session (one code-server, one browser, one sandbox),
 * then, at the end, a scan of the session's files for every secret and token of the run, and the
 * figures table. The run fails when a secret or token was found at rest,
 * when a token reached an origin that is not allowed, or, when every file of the suite ran, when
 * a line of docs/security-rules.md has no passing test.
 */
export const mochaHooks: RootHookObject = {
  async beforeAll(this: Context) {
    await (e2eHooks.beforeAll as (this: Context) => Promise<void>).call(this);
    watchSandbox('the session sandbox', e2eSession().sandbox);
  },
  async afterEach(this: Context) {
    const test = this.currentTest;
    if (test?.state === 'passed') recordPassedTest(test.fullTitle(), path.relative(process.cwd(), test.file ?? ''), securityLinesOfTitle(test.title));
    await (e2eHooks.afterEach as (this: Context) => Promise<void>).call(this);
  },
  async afterAll(this: Context) {
    // After the last test and before the session stops (which deletes its logs): every suite's
    // secrets and tokens, looked for in what the session wrote, whatever order the files ran in.
    if (runningCodeServer()) scanSessionForRunSecrets();
    await (e2eHooks.afterAll as (this: Context) => Promise<void>).call(this);
    const figures = currentFigures();
    console.log(`\n  Security figures\n${formatFigures(figures)}\n`);

    const problems: string[] = [];
    if (figures.secretsFound) problems.push(`${figures.secretsFound} secret(s) or token(s) found at rest`);
    if (figures.tokensToForeignOrigins > 0) problems.push(`${figures.tokensToForeignOrigins} token(s) sent to an origin that is not allowed`);
    if (ranEveryFile(this.test?.parent)) {
      for (const { id, tests } of coverage()) if (!tests.length) problems.push(`§${id} (${SECURITY_LINES[id]}) has no passing test`);
    } else {
      // One file or a --grep proves nothing about the whole suite: report, but check only the zeros.
      console.log('  (a partial run: the coverage of docs/security-rules.md is not checked)\n');
    }
    if (problems.length) throw new Error(`The security run does not hold:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  },
};

function scanSessionForRunSecrets(): void {
  const canaries = runSecrets();
  const scan = scanFilesCounted(sessionFiles(), canaries);
  recordSecretScan(scan.leaks.length, scan);
  if (scan.leaks.length) console.error(`\n  Secrets or tokens in the session's files (${canaries.length} values looked for):\n${describeLeaks(scan.leaks)}`);
}

const suiteDir = __dirname;

/** Whether the run loaded every test file of the suite and no test was filtered out. */
function ranEveryFile(root: Suite | undefined): boolean {
  if (!root) return false;
  const loaded = new Set<string>();
  const visit = (suite: Suite) => {
    if (suite.file) loaded.add(path.resolve(suite.file));
    suite.suites.forEach(visit);
  };
  visit(root);
  const files = fs
    .readdirSync(suiteDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(suiteDir, file));
  const filtered = process.argv.some((arg) => /^(-g|-f|--grep|--fgrep)(=|$)/.test(arg));
  return !filtered && files.every((file) => loaded.has(file));
}
