import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';
import type { SuiteResults, TestOutcome } from './results';

/**
 * Entry point of the in-host run in code-server: the test host runner extension requires this
 * module inside the extension host and calls runSuite(). (On desktop VS Code, @vscode/test-cli runs
 * the same *.test.js files with its own mocha runner instead.)
 */
export async function runSuite(): Promise<SuiteResults> {
  // mocha 12 is an ES module; require() of it (Node >= 20.19) returns its namespace object.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mochaModule = require('mocha') as { default?: typeof MochaType } & typeof MochaType;
  const Mocha = mochaModule.default ?? mochaModule;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: Mocha.reporters.Base, color: false });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }

  const tests: TestOutcome[] = [];
  const describeError = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const figures = (test: object) => (test as { figures?: string[] }).figures;
    runner.on('pass', (test) => tests.push({ titlePath: test.titlePath(), state: 'passed', durationMs: test.duration, figures: figures(test) }));
    runner.on('pending', (test) => tests.push({ titlePath: test.titlePath(), state: 'pending' }));
    // Hooks fail through this event too; they are reported under their own title.
    runner.on('fail', (test, error) => tests.push({ titlePath: test.titlePath(), state: 'failed', durationMs: test.duration, error: describeError(error), figures: figures(test) }));
  });
  const count = (state: TestOutcome['state']) => tests.filter((test) => test.state === state).length;
  return { passes: count('passed'), failures: count('failed'), pending: count('pending'), tests };
}
