import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';
import * as vscode from 'vscode';
import { ACROSS_RELOAD_CHECKS } from './acrossReload';
import type { SuiteResults, TestOutcome } from './results';

const RELOAD_SUITE = 'Across a window reload';

/** What the first window leaves for the next: its results, and what each check's `after` needs. */
interface BeforeReload {
  results: SuiteResults;
  saved: Record<string, unknown>;
}

/**
 * Entry point of the in-host run in code-server: the test host runner extension requires this
 * module inside the extension host and calls runSuite(). (On desktop VS Code, @vscode/test-cli runs
 * the same *.test.js files with its own mocha runner instead.)
 *
 * Two windows: the first runs the *.test.js files, then the `before` of each check in
 * acrossReload.ts, and reloads; the host runner calls runSuite() again in the next window, which
 * runs the checks' `after` and returns both windows' results together.
 */
export async function runSuite(): Promise<SuiteResults> {
  const handOver = process.env.PIPEFY_HOST_TEST_RESULTS && `${process.env.PIPEFY_HOST_TEST_RESULTS}.before-reload.json`;
  if (handOver && fs.existsSync(handOver)) {
    const before = JSON.parse(fs.readFileSync(handOver, 'utf8')) as BeforeReload;
    fs.rmSync(handOver);
    const after = await runMocha((Mocha, mocha) => {
      const suite = Mocha.Suite.create(mocha.suite, RELOAD_SUITE);
      for (const check of ACROSS_RELOAD_CHECKS) {
        suite.addTest(new Mocha.Test(check.title, () => check.after(before.saved[check.title])));
      }
    });
    return combine(before.results, after);
  }

  const results = await runMocha((_Mocha, mocha) => {
    for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
      mocha.addFile(path.join(__dirname, file));
    }
  });
  if (!handOver) return results;
  const saved: Record<string, unknown> = {};
  const failed: TestOutcome[] = [];
  for (const check of ACROSS_RELOAD_CHECKS) {
    try {
      saved[check.title] = await check.before();
    } catch (error) {
      failed.push({ titlePath: [RELOAD_SUITE, check.title], state: 'failed', error: `before the reload: ${describeError(error)}` });
    }
  }
  if (failed.length) return combine(results, { passes: 0, failures: failed.length, pending: 0, tests: failed });
  // Straight after the writes: the checks are about what a reload right then keeps.
  fs.writeFileSync(handOver, JSON.stringify({ results, saved } satisfies BeforeReload));
  // This extension host ends with the window, and the command's promise with it (rejected as
  // Canceled): not awaited, or that rejection would be reported as this run's result. The next
  // window reports both.
  void vscode.commands.executeCommand('workbench.action.reloadWindow').then(undefined, () => undefined);
  return new Promise<SuiteResults>(() => undefined);
}

type MochaClass = typeof MochaType;

/** Runs mocha in this extension host and collects each test's outcome (the network run uses it too). */
export async function runMocha(setUp: (Mocha: MochaClass, mocha: MochaType) => void): Promise<SuiteResults> {
  // mocha 12 is an ES module; require() of it (Node >= 20.19) returns its namespace object.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mochaModule = require('mocha') as { default?: MochaClass } & MochaClass;
  const Mocha = mochaModule.default ?? mochaModule;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: Mocha.reporters.Base, color: false });
  setUp(Mocha, mocha);

  const tests: TestOutcome[] = [];
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

function combine(first: SuiteResults, second: SuiteResults): SuiteResults {
  return {
    passes: first.passes + second.passes,
    failures: first.failures + second.failures,
    pending: first.pending + second.pending,
    tests: [...first.tests, ...second.tests],
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
