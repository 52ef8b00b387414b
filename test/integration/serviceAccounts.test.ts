import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenInfo } from '../../src/host/commands/tokenCommands';
import type { RunSummary } from '../../src/host/requests/requestExecution';
import type { CreatedAccountRef } from '../../src/host/serviceAccounts/serviceAccountCommands';
import { ADMIN_CLIENT, DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { productExtension } from './extensions';

const PIPE_3_CARDS = 'query PipeThree {\n  cards(pipe_id: "3", first: 5) { edges { node { id } } }\n}\n';

/**
 * The first half of Pipefy's Service Accounts page, through the product's commands: an admin
 * creates an account, adds it to pipe 3, the new account gets its token and reads pipe 3, and is
 * deleted, after which its credentials are refused.
 */
describe('Create and Delete Service Account, against the sandbox', () => {
  let sandbox: Sandbox;
  let adminId: string;
  let demoId: string;
  let requestFile: string;
  const created: string[] = [];

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox();
    const common = { tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, activate: false };
    adminId = (await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', { label: 'sa-admin', ...ADMIN_CLIENT, ...common })).id;
    demoId = (await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', { label: 'sa-member', ...DEMO_CLIENT, ...common })).id;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    requestFile = path.join(folder, 'pipe-three.graphql');
    fs.writeFileSync(requestFile, PIPE_3_CARDS);
  });

  after(async () => {
    for (const id of [adminId, demoId, ...created]) await vscode.commands.executeCommand('pipefy.removeAccount', { accountId: id, confirm: false }).then(undefined, () => undefined);
    fs.rmSync(requestFile, { force: true });
    await sandbox.close();
  });

  const createdAccounts = () => sandbox.requests.filter((request) => request.body.includes('createServiceAccount'));

  it('creates the account, keeps it active with its first token, adds it to pipe 3, and it reads pipe 3', async function () {
    this.timeout(60_000);
    const made = await vscode.commands.executeCommand<CreatedAccountRef>('pipefy.createServiceAccount', {
      accountId: adminId,
      name: 'it-reports-bot',
      description: 'Made by the integration suite',
      role: 'normal',
      lifetimeUnit: 'minutes',
      lifetimeValue: 10,
      pipeIds: ['3'],
    });
    created.push(made.id);
    assert.equal(made.label, 'it-reports-bot');
    assert.deepEqual(made.pipes, ['3']);
    assert.ok(made.uuid && made.email);
    assert.doesNotMatch(JSON.stringify(made), /secret/i);

    const token = await vscode.commands.executeCommand<TokenInfo>('pipefy.getToken', { accountId: made.id });
    const lifetimeMs = (token.expiresAt ?? 0) - token.obtainedAt;
    assert.ok(lifetimeMs > 9 * 60_000 && lifetimeMs < 10 * 60_000 + 5_000, `the lifetime chosen at creation (got ${lifetimeMs} ms)`);

    const run = await vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: requestFile, accountId: made.id });
    assert.equal(run.status, 200);
    assert.deepEqual(run.errors, []);
  });

  it('a new account sees no pipe; Add to Pipe, run by an admin, lets it read the pipe', async function () {
    this.timeout(60_000);
    const made = await vscode.commands.executeCommand<CreatedAccountRef>('pipefy.createServiceAccount', {
      accountId: adminId,
      name: 'it-pipe-bot',
      role: 'normal',
      lifetimeUnit: 'hours',
      lifetimeValue: 1,
    });
    created.push(made.id);
    assert.deepEqual(made.pipes, []);
    const refused = await vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: requestFile, accountId: made.id });
    assert.deepEqual(refused.errors.map((error) => error.code), ['PERMISSION_DENIED']);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pipefy.addToPipe', { accountId: made.id, pipeId: '3', actingAccountId: demoId })),
      /could not add .* Only the organization's admins and the pipe's admins may add members/,
    );
    const added = await vscode.commands.executeCommand<{ pipeId: string; email: string }>('pipefy.addToPipe', { accountId: made.id, pipeId: '3', actingAccountId: adminId });
    assert.deepEqual(added, { pipeId: '3', email: made.email });
    const run = await vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: requestFile, accountId: made.id });
    assert.equal(run.status, 200);
    assert.deepEqual(run.errors, []);

    // Remove from Pipe: refused to a member, done by an admin, after which the pipe is closed again.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pipefy.removeFromPipe', { accountId: made.id, pipeId: '1', actingAccountId: demoId })),
      /could not take .*\(PERMISSION_DENIED.* Only the organization's admins and the pipe's admins may remove members/,
    );
    const removed = await vscode.commands.executeCommand<{ pipeId: string }>('pipefy.removeFromPipe', { accountId: made.id, pipeId: '3', actingAccountId: adminId });
    assert.deepEqual(removed, { pipeId: '3' });
    const closed = await vscode.commands.executeCommand<RunSummary>('pipefy.runRequest', { uri: requestFile, accountId: made.id });
    assert.deepEqual(closed.errors.map((error) => error.code), ['PERMISSION_DENIED']);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pipefy.removeFromPipe', { accountId: demoId, pipeId: '3', actingAccountId: adminId })),
      /uuid of "sa-member" is not known here/,
    );
  });

  it('refuses bad input before anything is sent', async () => {
    const before = createdAccounts().length;
    for (const [field, value, said] of [
      ['name', 'x'.repeat(21), /21 characters; Pipefy allows 20/],
      ['lifetimeValue', 31, /between 5 minutes and 30 days/],
      ['name', 'it-reports-bot', /already labelled "it-reports-bot"/],
    ] as const) {
      const args = { accountId: adminId, name: 'another-bot', role: 'normal', lifetimeUnit: 'days', lifetimeValue: 1, [field]: value };
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pipefy.createServiceAccount', args)), said);
    }
    assert.equal(createdAccounts().length, before, 'no createServiceAccount reached the server');
  });

  it('shows Pipefy\'s refusal of an account that is not an admin, with its code, and saves nothing', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pipefy.createServiceAccount', { accountId: demoId, name: 'not-allowed', role: 'normal', lifetimeUnit: 'hours', lifetimeValue: 1 })),
      /PERMISSION_DENIED.*Only a Super Admin may manage service accounts, and "sa-member" is not accepted as one/,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pipefy.switchAccount', { label: 'not-allowed' })), /not-allowed/);
  });

  it('deletes the account in Pipefy and here, after which its credentials are refused', async function () {
    this.timeout(60_000);
    const [id] = created;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pipefy.deleteServiceAccount', { accountId: id, actingAccountId: adminId, confirmName: 'wrong' })),
      /does not match/,
    );
    const deleted = await vscode.commands.executeCommand<{ deleted: string }>('pipefy.deleteServiceAccount', { accountId: id, actingAccountId: adminId, confirmName: 'it-reports-bot' });
    assert.equal(deleted.deleted, 'it-reports-bot');
    created.splice(created.indexOf(id), 1);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pipefy.switchAccount', { accountId: id })), /it-reports-bot|no saved account|not found|No service account/i);
    assert.ok(sandbox.requests.some((request) => request.body.includes('deleteServiceAccount')));
  });
});
