import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FetchedSchema } from '../../src/host/schema/fetchSchemaCommand';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { productExtension } from './extensions';

/**
 * Fetch Schema's host fallback through the command, in the extension host: one sandbox on two
 * origins (as Pipefy serves one API at api.pipefy.com and app.pipefy.com) whose first origin
 * refuses introspection. The pair comes from pipefy.schema.hostPairs, which by default names the
 * two Pipefy hosts; here it names the sandbox's two loopback origins.
 */
describe('Fetch Schema: the host that serves the schema', () => {
  let sandbox: Sandbox;
  let accountId: string;
  const config = () => vscode.workspace.getConfiguration('pipefy');

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox({ secondOrigin: true, refuseIntrospection: 'first' });
    ({ id: accountId } = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
      label: 'schema-host',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...DEMO_CLIENT,
    }));
  });

  after(async () => {
    await config().update('schema.hostPairs', undefined, vscode.ConfigurationTarget.Global);
    await config().update('allowedApiOrigins', undefined, vscode.ConfigurationTarget.Global);
    if (accountId) await vscode.commands.executeCommand('pipefy.removeAccount', { accountId, confirm: false });
    await sandbox?.close();
  });

  it('without a paired host, a refused introspection is reported and nothing else is tried', async () => {
    const sent = sandbox.stats.graphqlRequests;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('pipefy.fetchSchema', { accountId })),
      /No schema for .*: 127\.0\.0\.1:\d+: .*Field '__schema' doesn't exist on type 'Query'/,
    );
    assert.equal(sandbox.stats.graphqlRequests, sent + 1);
  });

  it('with the pair configured and both origins allowed, the paired host serves the schema, and the result says so', async () => {
    const second = sandbox.secondUrl ?? assert.fail('the sandbox has a second origin');
    await config().update('schema.hostPairs', [[sandbox.url, second]], vscode.ConfigurationTarget.Global);
    await config().update('allowedApiOrigins', ['https://api.pipefy.com', 'https://app.pipefy.com', second], vscode.ConfigurationTarget.Global);
    const fetched = await vscode.commands.executeCommand<FetchedSchema>('pipefy.fetchSchema', { accountId });
    assert.equal(fetched.endpoint, sandbox.graphqlEndpoint, 'the schema is the account endpoint\'s');
    assert.equal(fetched.servedBy, sandbox.secondGraphqlEndpoint);
    assert.ok(fetched.types > 10);
  });

  it('the account\'s own host is used when it answers introspection', async () => {
    const plain = await startSandbox();
    try {
      const { id } = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
        label: 'schema-own',
        tokenEndpoint: plain.tokenEndpoint,
        graphqlEndpoint: plain.graphqlEndpoint,
        ...DEMO_CLIENT,
      });
      try {
        const fetched = await vscode.commands.executeCommand<FetchedSchema>('pipefy.fetchSchema', { accountId: id });
        assert.equal(fetched.servedBy, plain.graphqlEndpoint);
      } finally {
        await vscode.commands.executeCommand('pipefy.removeAccount', { accountId: id, confirm: false });
      }
    } finally {
      await plain.close();
    }
  });
});
