import * as assert from 'node:assert/strict';
import { type AfterKeepFailure, keepCreatedSecret } from '../../../../src/core/serviceAccounts/keepCreatedSecret';

/** A store that refuses its first `failures` calls, as SecretStorage might after Pipefy made the account. */
function storeFailing(failures: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    store: async () => {
      calls++;
      if (calls <= failures) throw new Error(`SecretStorage refused (call ${calls})`);
      return { id: 'kept-account' };
    },
  };
}

/** Answers the question after each failure from a list, and records the reasons it was given. */
function answering(...answers: AfterKeepFailure[]) {
  const reasons: string[] = [];
  return {
    reasons,
    ask: async (reason: string) => {
      reasons.push(reason);
      return answers.shift();
    },
  };
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

describe('keeping a created account\'s secret, which Pipefy hands out once', () => {
  it('kept at the first try asks nothing', async () => {
    const secrets = storeFailing(0);
    const user = answering();
    assert.deepEqual(await keepCreatedSecret(secrets.store, user.ask, reasonOf), { kind: 'kept', saved: { id: 'kept-account' }, attempts: 1 });
    assert.deepEqual(user.reasons, []);
  });

  it('a store that fails after the account was made: the user is told why at once, and Store Again tries again until it is kept', async () => {
    const secrets = storeFailing(2);
    const user = answering('storeAgain', 'storeAgain');
    assert.deepEqual(await keepCreatedSecret(secrets.store, user.ask, reasonOf), { kind: 'kept', saved: { id: 'kept-account' }, attempts: 3 });
    assert.deepEqual(user.reasons, ['SecretStorage refused (call 1)', 'SecretStorage refused (call 2)']);
    assert.equal(secrets.calls, 3);
  });

  it('Reveal Secret Once ends the tries with the secret to be shown, once', async () => {
    const secrets = storeFailing(5);
    const user = answering('storeAgain', 'revealOnce');
    assert.deepEqual(await keepCreatedSecret(secrets.store, user.ask, reasonOf), { kind: 'reveal', reason: 'SecretStorage refused (call 2)' });
    assert.equal(secrets.calls, 2);
  });

  it('closing the question stops, saying why it was not kept', async () => {
    const secrets = storeFailing(5);
    const user = answering(undefined);
    assert.deepEqual(await keepCreatedSecret(secrets.store, user.ask, reasonOf), { kind: 'dropped', reason: 'SecretStorage refused (call 1)' });
    assert.equal(secrets.calls, 1);
  });
});
