import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AllPagesSummary } from '../../src/host/requests/runAllPagesCommand';
import type { RunSummary } from '../../src/host/requests/requestExecution';
import type { TokenInfo } from '../../src/host/commands/tokenCommands';
import { DEMO_CLIENT } from '../fixtures/sandbox/types';
import { productExtension } from '../integration/extensions';
import { runMocha } from '../integration/index';
import type { SuiteResults } from '../integration/results';
import { PIPEFY_GRAPHQL_ENDPOINT, PIPEFY_TOKEN_ENDPOINT, SCENARIO_ENV, type NetworkScenario } from './scenario';

const ME = 'query Me {\n  me { id email }\n}\n';
const ALL_CARDS = 'query AllCards($after: String) {\n  cards(pipe_id: "1", first: 50, after: $after) {\n    edges { node { id title } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n';

/**
 * Entry point in code-server's extension host (loaded by the test host runner): the product's own
 * commands, with Pipefy's real endpoints, under whatever proxy and CAs this window was started with.
 * Every path that posts is taken: the token, a saved request, Run All Pages and Fetch Schema.
 */
export async function runSuite(): Promise<SuiteResults> {
  const scenario = JSON.parse(process.env[SCENARIO_ENV] ?? '{}') as NetworkScenario;
  return runMocha((Mocha, mocha) => {
    const suite = Mocha.Suite.create(mocha.suite, scenario.name);
    let accountId = '';
    let folder = '';
    suite.beforeAll(async () => {
      await productExtension().activate();
      folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      fs.writeFileSync(path.join(folder, 'network-me.graphql'), ME);
      fs.writeFileSync(path.join(folder, 'network-cards.graphql'), ALL_CARDS);
      const added = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
        label: 'Pipefy over TLS',
        tokenEndpoint: PIPEFY_TOKEN_ENDPOINT,
        graphqlEndpoint: PIPEFY_GRAPHQL_ENDPOINT,
        ...DEMO_CLIENT,
      });
      accountId = added.id;
    });
    const refusalOf = (run: () => Thenable<unknown>) => Promise.resolve(run()).then(() => undefined, (error: unknown) => (error instanceof Error ? `${error.message} ${(error as { hint?: string }).hint ?? ''}` : String(error)));

    if (scenario.tokenRefusal) {
      suite.addTest(new Mocha.Test('Get Token says what refused it', async () => {
        const said = await refusalOf(() => vscode.commands.executeCommand('pipefy.getToken', { accountId }));
        assert.ok(said, 'Get Token failed');
        assert.match(said, new RegExp(scenario.tokenRefusal ?? ''));
        assert.doesNotMatch(said, /token endpoint refused|Check the token endpoint URL|invalid_client/, 'the account\'s credentials are not blamed');
      }));
      return;
    }
    suite.addTest(new Mocha.Test('Get Token from https://app.pipefy.com/oauth/token', async () => {
      const token = await vscode.commands.executeCommand<TokenInfo>('pipefy.getToken', { accountId });
      assert.ok(token.expiresAt && token.expiresAt > Date.now());
    }));
    if (scenario.runRefusal) {
      suite.addTest(new Mocha.Test('a saved request says what refused it', async () => {
        const said = await refusalOf(() => vscode.commands.executeCommand('pipefy.runRequest', { uri: path.join(folder, 'network-me.graphql'), accountId }));
        assert.ok(said, 'the run failed');
        assert.match(said, new RegExp(scenario.runRefusal ?? ''));
      }));
      return;
    }
    suite.addTest(new Mocha.Test('a saved request to https://api.pipefy.com/graphql', async () => {
      const run = await vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: path.join(folder, 'network-me.graphql'), accountId });
      assert.equal(run.status, 200);
      assert.deepEqual(run.errors, []);
    }));
    suite.addTest(new Mocha.Test('Run All Pages of pipe 1 (120 cards)', async () => {
      const run = await vscode.commands.executeCommand<AllPagesSummary>('pipefy.runAllPages', { uri: path.join(folder, 'network-cards.graphql'), accountId });
      assert.equal(run.end, 'complete');
      assert.equal(run.items, 120);
    }));
    suite.addTest(new Mocha.Test('Fetch Schema', async () => {
      const fetched = await vscode.commands.executeCommand<{ servedBy: string; types: number }>('pipefy.fetchSchema', { accountId });
      assert.equal(fetched.servedBy, PIPEFY_GRAPHQL_ENDPOINT);
      assert.ok(fetched.types > 10);
    }));
  });
}
