import assert from 'node:assert/strict';
import { AccountMetadata, changesInvalidateToken, isClientAuthMode } from '../../../../src/core/accounts/account';

const account: AccountMetadata = {
  id: 'a1',
  label: 'prod',
  description: 'Production',
  tokenEndpoint: 'https://app.pipefy.com/oauth/token',
  graphqlEndpoint: 'https://api.pipefy.com/graphql',
  clientId: 'client-id',
  authMode: 'form',
  lifetimeHintSeconds: 3600,
};
const unchanged: Omit<AccountMetadata, 'id'> = {
  label: account.label,
  description: account.description,
  tokenEndpoint: account.tokenEndpoint,
  graphqlEndpoint: account.graphqlEndpoint,
  clientId: account.clientId,
  authMode: account.authMode,
  lifetimeHintSeconds: account.lifetimeHintSeconds,
};

describe('accounts: editing what identifies the client drops the cached token', () => {
  for (const [field, value] of [
    ['tokenEndpoint', 'https://tenant.example.com/oauth/token'],
    ['clientId', 'other-client'],
    ['authMode', 'basic'],
  ] as const) {
    it(`drops it when ${field} changes`, () => {
      assert.equal(changesInvalidateToken(account, { ...unchanged, [field]: value }, false), true);
    });
  }

  it('drops it when the secret changes', () => {
    assert.equal(changesInvalidateToken(account, unchanged, true), true);
  });

  it('keeps it when only the label, description, GraphQL endpoint or lifetime hint change', () => {
    const cosmetic = { ...unchanged, label: 'production', description: 'Renamed', graphqlEndpoint: 'https://api.pipefy.com/graphql/', lifetimeHintSeconds: 600 };
    assert.equal(changesInvalidateToken(account, cosmetic, false), false);
  });
});

describe('accounts: client authentication modes', () => {
  it('knows form, json and basic and nothing else', () => {
    for (const mode of ['form', 'json', 'basic']) assert.equal(isClientAuthMode(mode), true);
    for (const mode of ['Form', 'post', '', undefined, 1]) assert.equal(isClientAuthMode(mode), false);
  });
});
