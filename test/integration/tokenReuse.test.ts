import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSummary } from '../../src/host/requests/requestExecution';
import { DEMO_CLIENT, startSandbox, TOKEN_REUSE_MODES, type Sandbox } from '../fixtures/sandbox';
import { productExtension } from './extensions';

const LIFETIME_SECONDS = 6;
const RUN_FOR_MS = 14_000;
const EVERY_MS = 100;

/**
 * Each way a token endpoint may reuse tokens (Pipefy's is unverified), through the real host
 * commands: saved requests run every 100 ms across two expiries of a 6-second token (longer than a busy host takes to run one) while
 * Get Token and Refresh Token are pressed in between. No run may fail, whatever the server does
 * with the previous token.
 */
describe('Token reuse modes: saved-request runs across expiries, with Get Token and Refresh Token in between', () => {
  let requestFile: string;

  before(async () => {
    await productExtension().activate();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration workspace is open');
    requestFile = path.join(folder, 'token-modes.graphql');
    fs.writeFileSync(requestFile, 'query TokenModes {\n  me { id }\n}\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (requestFile) fs.rmSync(requestFile, { force: true });
  });

  for (const mode of TOKEN_REUSE_MODES) {
    it(`"${mode}": every run succeeds`, async function () {
      // Each run goes through the whole host path; on a busy machine 100 of them take a while.
      this.timeout(180_000);
      const sandbox: Sandbox = await startSandbox({ tokenLifetimeSeconds: LIFETIME_SECONDS, tokenReuse: mode });
      const { id: accountId } = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
        label: `modes-${mode}`.slice(0, 20),
        tokenEndpoint: sandbox.tokenEndpoint,
        graphqlEndpoint: sandbox.graphqlEndpoint,
        ...DEMO_CLIENT,
        activate: false,
      });
      try {
        const runs: Array<Promise<RunSummary>> = [];
        const presses: Array<Promise<unknown>> = [];
        const started = Date.now();
        for (let tick = 0; tick * EVERY_MS < RUN_FOR_MS; tick++) {
          const wait = started + tick * EVERY_MS - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          runs.push(Promise.resolve(vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: requestFile, operationName: 'TokenModes', accountId })));
          if (tick % 23 === 11) presses.push(Promise.resolve(vscode.commands.executeCommand('pipefy.refreshToken', { accountId })));
          if (tick % 31 === 5) presses.push(Promise.resolve(vscode.commands.executeCommand('pipefy.getToken', { accountId })));
        }
        await Promise.all(presses);
        const outcomes = await Promise.allSettled(runs);
        const failures = outcomes.flatMap((outcome, index) =>
          outcome.status === 'rejected'
            ? [`run ${index}: ${String(outcome.reason)}`]
            : outcome.value.status !== 200 || outcome.value.errors.length
              ? [`run ${index}: ${outcome.value.summary}`]
              : [],
        );
        assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${runs.length} runs failed`);
        assert.ok(sandbox.stats.tokensIssued >= 2, 'at least one expiry or refresh was crossed');
      } finally {
        await vscode.commands.executeCommand('pipefy.removeAccount', { accountId, confirm: false });
        await sandbox.close();
      }
    });
  }
});
