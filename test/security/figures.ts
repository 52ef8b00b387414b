import type { RecordingServer } from '../fixtures/servers/recordingServer';
import type { Sandbox } from '../fixtures/sandbox';
import { SECURITY_LINES, figureKind, type SecurityLineId } from './specLines';

/**
 * The figures the security run prints at its end: what was proven and how hard it
 * was tried. Tests feed it; hooks.ts prints it and fails the run when a figure that must be 0 is
 * not, or could not be measured.
 */

interface WatchedServer {
  readonly name: string;
  /** Requests it received so far (read at the end: the servers' own counters). */
  requestCount(): number;
  /** Requests that arrived carrying an Authorization header; only counted for foreign servers. */
  authorizedCount(): number;
  readonly foreign: boolean;
}

interface PassedTest {
  readonly title: string;
  readonly file: string;
  readonly lines: readonly SecurityLineId[];
}

const servers: WatchedServer[] = [];
const passed: PassedTest[] = [];
let secretsFound: number | undefined;
const scannedAtRest = { files: 0, bytes: 0 };

/** A Pipefy-compatible sandbox: its token POSTs and GraphQL requests count as requests sent. */
export function watchSandbox(name: string, sandbox: Sandbox): Sandbox {
  servers.push({
    name,
    foreign: false,
    requestCount: () => sandbox.stats.tokenPosts + sandbox.stats.graphqlRequests,
    authorizedCount: () => 0,
  });
  return sandbox;
}

/**
 * A loopback server of a test. `foreign`: an origin that is not allowed, so every request it
 * receives with an Authorization header is a token sent where it must never go.
 */
export function watchServer(name: string, server: RecordingServer, { foreign }: { foreign: boolean }): RecordingServer {
  servers.push({
    name,
    foreign,
    requestCount: () => server.requests.length,
    authorizedCount: () => server.requests.filter((request) => request.headers.authorization !== undefined).length,
  });
  return server;
}

/**
 * The at-rest scan's result: secrets and tokens found on disk or in browser storage, and, for a
 * scan of files, how many files and bytes it read.
 */
export function recordSecretScan(leaks: number, scanned?: { readonly files: number; readonly bytes: number }): void {
  secretsFound = (secretsFound ?? 0) + leaks;
  if (scanned) {
    scannedAtRest.files += scanned.files;
    scannedAtRest.bytes += scanned.bytes;
  }
}

export function recordPassedTest(title: string, file: string, lines: readonly SecurityLineId[]): void {
  passed.push({ title, file, lines });
}

export interface Figures {
  readonly rulesTested: number;
  readonly rulesTotal: number;
  readonly badInputs: number;
  readonly faults: number;
  readonly requestsSent: number;
  readonly secretsFound: number | undefined;
  /** Files (browser profiles, code-server's user-data folder, the workspace) read whole by the at-rest scan. */
  readonly filesScanned: number;
  readonly bytesScanned: number;
  readonly tokensToForeignOrigins: number;
  /** Lines of docs/security-rules.md without a passing test. */
  readonly uncovered: readonly SecurityLineId[];
}

export function currentFigures(): Figures {
  const covered = new Set(passed.flatMap((test) => test.lines));
  const allLines = Object.keys(SECURITY_LINES) as SecurityLineId[];
  const rules = allLines.filter((id) => figureKind(id) === 'rule');
  const testsOfKind = (kind: 'badInput' | 'fault') => passed.filter((test) => test.lines.some((id) => figureKind(id) === kind)).length;
  return {
    rulesTested: rules.filter((id) => covered.has(id)).length,
    rulesTotal: rules.length,
    badInputs: testsOfKind('badInput'),
    faults: testsOfKind('fault'),
    requestsSent: servers.reduce((sum, server) => sum + server.requestCount(), 0),
    secretsFound,
    filesScanned: scannedAtRest.files,
    bytesScanned: scannedAtRest.bytes,
    tokensToForeignOrigins: servers.filter((server) => server.foreign).reduce((sum, server) => sum + server.authorizedCount(), 0),
    uncovered: allLines.filter((id) => !covered.has(id)),
  };
}

/** Which passing tests cover each line, for the report (and the README's mapping). */
export function coverage(): ReadonlyArray<{ readonly id: SecurityLineId; readonly tests: readonly PassedTest[] }> {
  return (Object.keys(SECURITY_LINES) as SecurityLineId[]).map((id) => ({ id, tests: passed.filter((test) => test.lines.includes(id)) }));
}

export function formatFigures(figures: Figures): string {
  const rows: Array<[string, string]> = [
    ['Security rules tested', `${figures.rulesTested} of ${figures.rulesTotal}`],
    ['Bad inputs tried', String(figures.badInputs)],
    ['Faults injected', String(figures.faults)],
    ['Requests sent to local servers', String(figures.requestsSent)],
    ['Files scanned at rest', String(figures.filesScanned)],
    ['Bytes scanned at rest', formatBytes(figures.bytesScanned)],
    ['Secrets found on disk or in storage', figures.secretsFound === undefined ? 'not measured' : String(figures.secretsFound)],
    ['Tokens sent to non-allowed origins', String(figures.tokensToForeignOrigins)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const rule = `  ${'─'.repeat(width + valueWidth + 5)}`;
  return [rule, ...rows.map(([name, value]) => `  ${name.padEnd(width)}  │  ${value.padStart(valueWidth)}`), rule].join('\n');
}

/** Megabytes with one decimal, e.g. `48.3 MB`; under one megabyte, bytes. */
function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} B` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
