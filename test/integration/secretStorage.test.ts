import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hostRunner } from './extensions';

/**
 * The real SecretStorage of this VS Code. For now through the test runner's own context.secrets;
 * the project's account store is tested against the same storage once it exists.
 */
describe('SecretStorage', () => {
  const key = `pipefy.integration.${Date.now()}`;
  let secrets: vscode.SecretStorage;

  before(async () => {
    secrets = (await hostRunner()).secrets;
  });

  after(async () => {
    await secrets.delete(key);
  });

  it('stores, reads back and deletes a secret, announcing each change', async () => {
    const changed: string[] = [];
    const subscription = secrets.onDidChange((event) => changed.push(event.key));
    try {
      assert.equal(await secrets.get(key), undefined);
      await secrets.store(key, 'sandbox-client-secret');
      assert.equal(await secrets.get(key), 'sandbox-client-secret');
      await secrets.delete(key);
      assert.equal(await secrets.get(key), undefined);
      // onDidChange may fire after the awaited call returns.
      for (let tries = 0; changed.length < 2 && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(changed, [key, key]);
    } finally {
      subscription.dispose();
    }
  });
});
