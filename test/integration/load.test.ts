import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSummary } from '../../src/host/requests/requestExecution';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { productExtension } from './extensions';
import { reportFigure } from './results';

const RUNS = 1000;

/**
 * Load through the real host command path (issue 6, a cold token cache under concurrency): 1,000 concurrent
 * "Run GraphQL Request" commands on a saved request, with a cold token cache, exactly as 1,000
 * CodeLens clicks would run them. The token cache must coalesce them into one token POST, and
 * every run must come back 200 without errors. The sandbox enforces Pipefy's rate limit (500 per
 * 30 s, then a 5-minute lockout), so the burst passes only because the extension paces it: the
 * second half waits for the window, and the test prints how long that added.
 */
describe('Load: 1,000 concurrent saved-request runs with a cold token cache', () => {
  let sandbox: Sandbox;
  let accountId: string;
  let requestFile: string;

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox();
    ({ id: accountId } = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
      label: 'load',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...DEMO_CLIENT,
    }));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration workspace is open');
    requestFile = path.join(folder, 'load-me.graphql');
    fs.writeFileSync(requestFile, 'query LoadMe {\n  me { id name email }\n}\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (accountId) await vscode.commands.executeCommand('pipefy.removeAccount', { accountId, confirm: false });
    if (requestFile) fs.rmSync(requestFile, { force: true });
    await sandbox?.close();
  });

  it('sends one token POST for 1,000 concurrent runs, and every run succeeds', async function () {
    this.timeout(10 * 60_000);
    await vscode.commands.executeCommand('pipefy.clearToken', { accountId });
    const postsBefore = sandbox.stats.tokenPosts;
    const graphqlBefore = sandbox.stats.graphqlRequests;

    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: RUNS }, () =>
        vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: requestFile, operationName: 'LoadMe', accountId }),
      ),
    );

    const failures = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected'
        ? [`run ${index}: ${String(outcome.reason)}`]
        : outcome.value.status !== 200 || outcome.value.errors.length
          ? [`run ${index}: ${outcome.value.summary}`]
          : [],
    );
    const elapsedMs = Date.now() - started;
    const paced = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.pacedMs] : []));
    reportFigure(
      this,
      `Pacing: ${paced.filter((ms) => ms > 0).length} of ${RUNS} runs waited for the rate-limit window, the longest ${(Math.max(0, ...paced) / 1000).toFixed(1)} s; the burst took ${(elapsedMs / 1000).toFixed(1)} s`,
    );
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${RUNS} runs failed`);
    assert.deepEqual(sandbox.rateLimitStats, { lockouts: 0, refused: 0 }, 'the burst never went over the rate limit');
    assert.equal(sandbox.stats.tokenPosts - postsBefore, 1, 'token POSTs for the whole burst');
    assert.equal(sandbox.stats.graphqlRequests - graphqlBefore, RUNS, 'GraphQL requests that reached the sandbox');
    assert.equal(sandbox.stats.expiredTokenRequests, 0);
  });
});
