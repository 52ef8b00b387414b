import assert from 'node:assert/strict';
import type { AccountMetadata } from '../../../../src/core/accounts/account';
import type { AccountEmailLookup } from '../../../../src/core/graphql/accountEmail';
import { AccountEmails } from '../../../../src/core/requests/accountEmails';
import { runAgainArgs } from '../../../../src/core/requests/runTarget';

const account: AccountMetadata = {
  id: 'acc-1',
  label: 'Reports bot',
  tokenEndpoint: 'https://app.pipefy.com/oauth/token',
  graphqlEndpoint: 'https://api.pipefy.com/graphql',
  clientId: 'client-1',
  authMode: 'form',
};
const denied = [{ message: 'Permission denied', code: 'PERMISSION_DENIED' }];

/** A lookup that counts its calls, so a test sees whether the run would have asked Pipefy. */
function countingLookup(answer: AccountEmailLookup) {
  const lookup = async () => {
    lookup.calls++;
    return answer;
  };
  lookup.calls = 0;
  return lookup;
}

describe('account emails for the advice on PERMISSION_DENIED', () => {
  it('errors that need no account named ask for no email', async () => {
    const lookup = countingLookup({ email: 'bot@pipefy.com' });
    const found = await new AccountEmails().forAdvice(account, { endpoint: account.graphqlEndpoint, json: {}, errors: [{ message: 'Field missing' }] }, lookup);
    assert.equal(found, undefined);
    assert.equal(lookup.calls, 0);
  });

  it('PERMISSION_DENIED looks the email up once, then remembers it', async () => {
    const emails = new AccountEmails();
    const lookup = countingLookup({ email: 'bot@pipefy.com' });
    const run = { endpoint: account.graphqlEndpoint, json: { data: null }, errors: denied };
    assert.deepEqual(await emails.forAdvice(account, run, lookup), { email: 'bot@pipefy.com' });
    assert.deepEqual(await emails.forAdvice(account, run, lookup), { email: 'bot@pipefy.com' });
    assert.equal(lookup.calls, 1);
  });

  it('a run of me against the account\'s own endpoint teaches the email, so no lookup is needed', async () => {
    const emails = new AccountEmails();
    const lookup = countingLookup({ problem: 'unreachable' });
    await emails.forAdvice(account, { endpoint: account.graphqlEndpoint, json: { data: { me: { email: 'bot@pipefy.com' } } }, errors: [] }, lookup);
    assert.deepEqual(await emails.forAdvice(account, { endpoint: account.graphqlEndpoint, json: {}, errors: denied }, lookup), { email: 'bot@pipefy.com' });
    assert.equal(lookup.calls, 0);
  });

  it('me answered by another endpoint (a directive sent it elsewhere) teaches nothing', async () => {
    const emails = new AccountEmails();
    const lookup = countingLookup({ problem: 'unreachable' });
    await emails.forAdvice(account, { endpoint: 'https://other.example/graphql', json: { data: { me: { email: 'someone@else.com' } } }, errors: [] }, lookup);
    assert.deepEqual(await emails.forAdvice(account, { endpoint: account.graphqlEndpoint, json: {}, errors: denied }, lookup), { problem: 'unreachable' });
    assert.equal(lookup.calls, 1);
  });
});

describe('run-again arguments: Send Anyway and Run as…', () => {
  it('name the operation when it has a name, else its line, with the account, and the override only for Send Anyway', () => {
    assert.deepEqual(runAgainArgs('file:///a.graphql', { name: 'Cards', line: 3 }, 'acc-1', { sendAnyway: true }), { uri: 'file:///a.graphql', operationName: 'Cards', accountId: 'acc-1', sendAnyway: true });
    assert.deepEqual(runAgainArgs('file:///a.graphql', { line: 7 }, 'admin'), { uri: 'file:///a.graphql', line: 7, accountId: 'admin' });
  });
});
