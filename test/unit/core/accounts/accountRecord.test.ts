import * as assert from 'node:assert/strict';
import type { AccountMetadata } from '../../../../src/core/accounts/account';
import { parseAccountRecord, reconcileAccountRecord, serializeAccountRecord } from '../../../../src/core/accounts/accountRecord';

const account = (id: string): AccountMetadata => ({
  id,
  label: `label-${id}`,
  tokenEndpoint: 'https://app.pipefy.com/oauth/token',
  graphqlEndpoint: 'https://api.pipefy.com/graphql',
  clientId: `client-${id}`,
  authMode: 'form',
});

describe('the account record kept in SecretStorage', () => {
  it('reads back what it wrote, list and default', () => {
    const record = { accounts: [account('a'), account('b')], defaultAccountId: 'b' };
    assert.deepEqual(parseAccountRecord(serializeAccountRecord(record)), record);
  });

  it('is absent when nothing is kept, or when what is kept cannot be read (the mirror stands then)', () => {
    assert.equal(parseAccountRecord(undefined), undefined);
    assert.equal(parseAccountRecord('{not json'), undefined);
    assert.equal(parseAccountRecord('{"accounts":"a"}'), undefined);
    assert.equal(parseAccountRecord('{"accounts":[],"defaultAccountId":7}'), undefined);
  });

  it('skips an entry that is not an account, keeping the others', () => {
    const text = JSON.stringify({ accounts: [account('a'), { id: 'half' }], defaultAccountId: 'a' });
    assert.deepEqual(parseAccountRecord(text), { accounts: [account('a')], defaultAccountId: 'a' });
  });

  describe('at start-up, against the global state mirror', () => {
    it('restores the mirror when it lost the last change: an account added, removed or made the default', () => {
      const kept = { accounts: [account('a'), account('b')], defaultAccountId: 'b' };
      for (const mirror of [{ accounts: [account('a')], defaultAccountId: 'a' }, { accounts: [account('a'), account('b'), account('c')], defaultAccountId: 'b' }, { accounts: kept.accounts, defaultAccountId: 'a' }]) {
        assert.deepEqual(reconcileAccountRecord(kept, mirror), { kind: 'restore', record: kept });
      }
    });

    it('a kept empty list wins over a mirror that still lists the last account removed', () => {
      assert.deepEqual(reconcileAccountRecord({ accounts: [] }, { accounts: [account('a')], defaultAccountId: 'a' }), { kind: 'restore', record: { accounts: [] } });
    });

    it('writes the record from the mirror when none is kept yet (accounts saved before the record existed)', () => {
      const mirror = { accounts: [account('a')], defaultAccountId: 'a' };
      assert.deepEqual(reconcileAccountRecord(undefined, mirror), { kind: 'keep', record: mirror });
    });

    it('does nothing when they agree, or when there is nothing at all', () => {
      const same = { accounts: [account('a')], defaultAccountId: 'a' };
      assert.deepEqual(reconcileAccountRecord({ ...same }, same), { kind: 'inStep' });
      assert.deepEqual(reconcileAccountRecord(undefined, { accounts: [] }), { kind: 'inStep' });
    });
  });
});
