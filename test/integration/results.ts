/** What the in-host run reports back to the process that started code-server. */
export interface TestOutcome {
  /** Suite titles and the test title, outermost first. */
  titlePath: string[];
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
  /** Figures the test reports (see reportFigure), printed under its line. */
  figures?: string[];
}

/** Lets a test running in the extension host print a figure with its result: `reportFigure(this, '…')`. */
export function reportFigure(context: { test?: object }, line: string): void {
  const test = context.test as { figures?: string[] } | undefined;
  if (test) (test.figures ??= []).push(line);
}

export interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
  tests: TestOutcome[];
}

/** The suite could not even be loaded (e.g. a test file threw at import). */
export interface SuiteLoadError {
  error: string;
}

/** Prints the results the way mocha's spec reporter would, counts included. */
export function formatResults(results: SuiteResults): string {
  const lines: string[] = [''];
  let previousSuites: string[] = [];
  for (const test of results.tests) {
    const suites = test.titlePath.slice(0, -1);
    suites.forEach((suite, depth) => {
      if (previousSuites[depth] !== suite) lines.push(`${'  '.repeat(depth + 1)}${suite}`);
    });
    previousSuites = suites;
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✗' : '-';
    const duration = test.durationMs !== undefined && test.durationMs > 1000 ? ` (${test.durationMs}ms)` : '';
    lines.push(`${'  '.repeat(suites.length + 1)}${mark} ${test.titlePath.at(-1)}${duration}`);
    for (const figure of test.figures ?? []) lines.push(`${'  '.repeat(suites.length + 2)}${figure}`);
  }
  lines.push('', `  ${results.passes} passing`);
  if (results.pending) lines.push(`  ${results.pending} pending`);
  if (results.failures) lines.push(`  ${results.failures} failing`);
  results.tests.filter((test) => test.state === 'failed').forEach((test, index) => {
    lines.push('', `  ${index + 1}) ${test.titlePath.join(' ')}:`, indent(test.error ?? '', '     '));
  });
  return lines.join('\n') + '\n';
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}
