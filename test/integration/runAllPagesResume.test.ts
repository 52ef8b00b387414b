import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AllPagesSummary } from '../../src/host/requests/runAllPagesCommand';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID, PipefyData } from '../fixtures/sandbox/pipefyData';
import { productExtension } from './extensions';

const QUERY = `query AllCards($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/**
 * Resume Run All Pages through its commands in the real editor, as a script calls them: the run's
 * point kept by the host, the same items appended in this window (Export holds both parts), and a
 * resume into a 429 hold that waits for it to end, or goes at once with sendAnyway.
 */
describe('Resume Run All Pages through the commands', () => {
  let sandbox: Sandbox;
  let accountId: string;
  let requestFile: string;
  let exportFile: string;
  const target = () => ({ uri: requestFile, operationName: 'AllCards' });
  const run = () => vscode.commands.executeCommand<AllPagesSummary>('pipefy.runAllPages', { ...target(), accountId });
  const resume = (args: Record<string, unknown> = {}) => vscode.commands.executeCommand<AllPagesSummary>('pipefy.resumeRunAllPages', { ...target(), ...args });
  /** The cursors of the AllCards pages the sandbox received since its log was `from` long, with when each arrived. */
  const pagesSince = (from: number) =>
    sandbox.requests.slice(from).filter((request) => request.path === '/graphql').map((request) => ({ after: (JSON.parse(request.body) as { variables: { after?: string | null } }).variables.after, at: request.at }));

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
    ({ id: accountId } = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
      label: 'resume',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...DEMO_CLIENT,
    }));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration workspace is open');
    requestFile = path.join(folder, 'resume-cards.graphql');
    exportFile = path.join(folder, 'resume-cards.json');
    fs.writeFileSync(requestFile, QUERY);
    fs.writeFileSync(path.join(folder, 'resume-cards.variables.json'), `{ "pipeId": "${BIG_PIPE_ID}" }\n`);
  });

  beforeEach(() => sandbox.reset());

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (accountId) await vscode.commands.executeCommand('pipefy.removeAccount', { accountId, confirm: false });
    for (const file of [requestFile, requestFile?.replace('.graphql', '.variables.json'), exportFile]) if (file) fs.rmSync(file, { force: true });
    await sandbox?.close();
  });

  it('goes on from the page that failed, appends to the same items, counts both parts, and then has nothing left to resume', async function () {
    this.timeout(120_000);
    sandbox.failPage(4);
    const first = await run();
    assert.deepEqual([first.end, first.failedPage, first.pages, first.items, first.resumable], ['failed', 4, 3, 150, true]);

    sandbox.mendPages();
    const logged = sandbox.requests.length;
    const second = await resume();
    assert.deepEqual([second.end, second.pages, second.items, second.resumable], ['complete', 200, BIG_PIPE_CARDS, false]);
    assert.equal(pagesSince(logged).length, 197, 'pages 4 to 200, each once');

    const exported = await vscode.commands.executeCommand<{ items: number }>('pipefy.exportAllPages.json', { path: exportFile });
    assert.equal(exported.items, BIG_PIPE_CARDS);
    const ids = (JSON.parse(fs.readFileSync(exportFile, 'utf8')) as Array<{ id: string }>).map((card) => card.id);
    assert.deepEqual(ids, new PipefyData().pipes.get(BIG_PIPE_ID)?.cards.map((card) => card.id), 'both parts, every card once, in order');

    await assert.rejects(async () => resume(), /That operation has no Run All Pages run to resume: its last run completed/);
  });

  it('after a 429, waits for the hold to end before sending the page again', async function () {
    this.timeout(120_000);
    sandbox.setRateLimit({ requests: 3, windowSeconds: 30, lockoutSeconds: 2, retryAfter: true });
    const first = await run();
    assert.deepEqual([first.end, first.failedPage, first.resumable], ['failed', 4, true]);
    const refused = sandbox.requests.filter((request) => request.path === '/graphql').at(-1);
    assert.ok(refused);
    // Room again for the rest of the pipe once the hold is over; the extension's own hold still stands.
    sandbox.setRateLimit({ requests: 500, windowSeconds: 30, lockoutSeconds: 2, retryAfter: true });

    const logged = sandbox.requests.length;
    const second = await resume({ sendAnyway: false });
    assert.deepEqual([second.end, second.pages, second.items], ['complete', 200, BIG_PIPE_CARDS]);
    const [again] = pagesSince(logged);
    assert.ok(again.at >= refused.at + 2_000, 'page 4 went again only once the 2 s hold was over');
  });

  it('with sendAnyway, goes at once despite the hold', async function () {
    this.timeout(120_000);
    sandbox.setRateLimit({ requests: 3, windowSeconds: 30, lockoutSeconds: 60, retryAfter: true });
    const first = await run();
    assert.deepEqual([first.end, first.failedPage], ['failed', 4]);
    const refused = sandbox.requests.filter((request) => request.path === '/graphql').at(-1);
    assert.ok(refused);
    sandbox.setRateLimit(false);

    const logged = sandbox.requests.length;
    const second = await resume({ sendAnyway: true });
    assert.deepEqual([second.end, second.pages, second.items], ['complete', 200, BIG_PIPE_CARDS]);
    const [again] = pagesSince(logged);
    assert.ok(again.at < refused.at + 60_000, 'page 4 went inside the 60 s hold');
  });
});
