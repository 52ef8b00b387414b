import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { productExtension } from './extensions';

interface ContributedCommand {
  command: string;
  category?: string;
}

describe('Commands', () => {
  before(async () => {
    await productExtension().activate();
  });

  it('registers every command the manifest contributes', async () => {
    const contributed = (productExtension().packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map(({ command }) => command).filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  it('puts every contributed command in the "Pipefy" category under the pipefy. prefix', () => {
    const contributed = (productExtension().packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands;
    for (const { command, category } of contributed) {
      assert.equal(category, 'Pipefy', command);
      assert.match(command, /^pipefy\./);
    }
  });
});
