import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { PRODUCT_ACTIVATION } from '../host-runner/src/extension';
import { hostRunner, productExtension } from './extensions';

describe('Activation', () => {
  it('opens no network connection while activating', async () => {
    const runner = await hostRunner();
    assert.ok(runner.productActivation, 'the host runner must start the product\'s activation to watch it');
    await runner.productActivation;
    assert.equal(productExtension().isActive, true);
    // Give anything activate() started without awaiting the chance to connect.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const made = runner.networkAttempts.filter((attempt) => attempt.source === PRODUCT_ACTIVATION);
    assert.deepEqual(made.map((attempt) => attempt.target), [], made.map((attempt) => attempt.stack).join('\n\n'));
  });

  it('would notice one: the tripwire attributes an axios request to the traced code that made it', async () => {
    const runner = await hostRunner();
    const server = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await runner.traced('control', () => axios.get(`http://127.0.0.1:${port}/`));
      const seen = runner.networkAttempts.filter((attempt) => attempt.source === 'control').map((attempt) => attempt.target);
      const all = runner.networkAttempts.map(({ target, source }) => ({ target, source }));
      assert.deepEqual(seen, [`127.0.0.1:${port}`], `all attempts seen: ${JSON.stringify(all)}`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
