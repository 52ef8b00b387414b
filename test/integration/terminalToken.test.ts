import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import axios from 'axios';
import * as vscode from 'vscode';
import { EXPOSE_TOKEN_SETTING } from '../../src/host/terminal/terminalTokenExposure';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { productExtension } from './extensions';

let probes = 0;

/**
 * What a new integrated terminal gets: a terminal that runs Node, which writes its PIPEFY_TOKEN to
 * a file. null when the variable is not set.
 */
async function tokenInNewTerminal(): Promise<string | null> {
  const file = path.join(os.tmpdir(), `pipefy-terminal-env-${process.pid}-${++probes}.json`);
  const script = `require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(process.env.PIPEFY_TOKEN ?? null))`;
  const terminal = vscode.window.createTerminal({ name: 'Pipefy env probe', shellPath: process.execPath, shellArgs: ['-e', script] });
  try {
    for (let tries = 0; tries < 150 && !fs.existsSync(file); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(fs.existsSync(file), 'the probe terminal did not run');
    return JSON.parse(fs.readFileSync(file, 'utf8')) as string | null;
  } finally {
    terminal.dispose();
    fs.rmSync(file, { force: true });
  }
}

/** The collection reaches new terminals asynchronously; probe until `accept` says the terminal got what was expected. */
async function eventually(accept: (token: string | null) => boolean): Promise<string | null> {
  let token: string | null = null;
  for (let tries = 0; tries < 20; tries++) {
    token = await tokenInNewTerminal();
    if (accept(token)) return token;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`new terminals kept getting PIPEFY_TOKEN=${token === null ? 'unset' : 'a token'}`);
}

async function works(sandbox: Sandbox, token: string | null): Promise<boolean> {
  if (!token) return false;
  const response = await axios.post(sandbox.graphqlEndpoint, { query: '{ me { id } }' }, { headers: { Authorization: `Bearer ${token}` }, validateStatus: () => true });
  return response.status === 200;
}

describe('PIPEFY_TOKEN in new integrated terminals', () => {
  let sandbox: Sandbox;
  let accountId: string;
  const setting = () => vscode.workspace.getConfiguration();

  before(async () => {
    await productExtension().activate();
    sandbox = await startSandbox();
    const added = await vscode.commands.executeCommand<{ id: string }>('pipefy.addAccount', {
      label: 'terminal-it',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      ...DEMO_CLIENT,
    });
    accountId = added.id;
  });

  after(async () => {
    await setting().update(EXPOSE_TOKEN_SETTING, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pipefy.removeAccount', { accountId, confirm: false });
    await sandbox.close();
  });

  it('is off by default, with application scope so that no workspace can turn it on', () => {
    const contributed = (productExtension().packageJSON as { contributes: { configuration: { properties: Record<string, { default: unknown; scope?: string }> } } })
      .contributes.configuration.properties[EXPOSE_TOKEN_SETTING];
    assert.equal(contributed.default, false);
    assert.equal(contributed.scope, 'application');
    assert.equal(setting().get(EXPOSE_TOKEN_SETTING), false);
  });

  it('is not set while the setting is off, even when there is a token', async () => {
    await vscode.commands.executeCommand('pipefy.getToken', { accountId });
    assert.equal(await tokenInNewTerminal(), null);
  });

  it('is the active account\'s working token once the user turns the setting on, with no new token request', async () => {
    const posts = sandbox.stats.tokenPosts;
    await setting().update(EXPOSE_TOKEN_SETTING, true, vscode.ConfigurationTarget.Global);
    const token = await eventually((t) => t !== null);
    assert.ok(await works(sandbox, token));
    assert.equal(sandbox.stats.tokenPosts, posts);
  });

  it('follows a refresh: new terminals get the new token', async () => {
    const before = await eventually((t) => t !== null);
    sandbox.expireTokens();
    await vscode.commands.executeCommand('pipefy.refreshToken', { accountId });
    const after = await eventually((t) => t !== null && t !== before);
    assert.ok(await works(sandbox, after));
  });

  it('is removed when the token is cleared, and when the setting is turned off', async () => {
    await vscode.commands.executeCommand('pipefy.clearToken', { accountId });
    await eventually((t) => t === null);
    await vscode.commands.executeCommand('pipefy.getToken', { accountId });
    await eventually((t) => t !== null);
    await setting().update(EXPOSE_TOKEN_SETTING, false, vscode.ConfigurationTarget.Global);
    await eventually((t) => t === null);
  });
});
