import * as assert from 'node:assert/strict';
import {
  createServiceAccountBody,
  readCreatedServiceAccount,
  readDeletedServiceAccount,
  readOrganizations,
  readRemovedMembers,
  removeMembersFromPipeBody,
} from '../../../../src/core/serviceAccounts/serviceAccountApi';
import { describeApiErrors } from '../../../../src/core/serviceAccounts/apiErrors';

describe('Pipefy\'s service-account API, as sent and as read', () => {
  it('sends createServiceAccount with the input Pipefy\'s SDK sends', () => {
    const body = createServiceAccountBody({ organizationUuid: ' org ', name: ' bot ', role: 'admin', description: '', lifetime: { unit: 'hours', value: 2 } });
    assert.equal(body.operationName, 'CreateServiceAccount');
    assert.deepEqual(body.variables, { input: { organizationUuid: 'org', name: 'bot', role: 'admin', expirationTime: { unit: 'hours', value: 2 } } });
    assert.match(body.query, /client \{ id secret \} token \{ endpoint \}/);
  });

  it('reads the created account with its client and token endpoint', () => {
    const json = {
      data: {
        createServiceAccount: {
          success: true,
          serviceAccount: { id: '9', uuid: 'u-9', email: 'bot@x', name: 'bot', role: { name: 'normal' }, client: { id: 'cid', secret: 'csecret' }, token: { endpoint: 'https://app.pipefy.com/oauth/token' } },
        },
      },
    };
    assert.deepEqual(readCreatedServiceAccount(200, json), {
      ok: true,
      value: { uuid: 'u-9', email: 'bot@x', name: 'bot', clientId: 'cid', clientSecret: 'csecret', tokenEndpoint: 'https://app.pipefy.com/oauth/token' },
    });
  });

  it('gives Pipefy\'s refusal as it came, code and correlation id included', () => {
    const answer = readCreatedServiceAccount(200, {
      data: { createServiceAccount: null },
      errors: [{ message: 'Permission denied', extensions: { code: 'PERMISSION_DENIED', correlation_id: '0123456789abcdef0123456789abcdef' } }],
    });
    assert.equal(answer.ok, false);
    if (answer.ok) return;
    assert.equal(describeApiErrors(answer.errors), 'Permission denied (PERMISSION_DENIED, correlation_id 0123456789abcdef0123456789abcdef)');
  });

  it('says when an answer without errors lacks the client, rather than saving half an account', () => {
    const answer = readCreatedServiceAccount(200, { data: { createServiceAccount: { success: true, serviceAccount: { uuid: 'u', email: 'e', name: 'n', token: { endpoint: 'https://x/oauth/token' } } } } });
    assert.equal(answer.ok, false);
    if (!answer.ok) assert.match(answer.errors[0].message, /expected shape .*client/);
  });

  it('reads a delete and the organizations with their pipes', () => {
    assert.deepEqual(readDeletedServiceAccount(200, { data: { deleteServiceAccount: { success: true } } }), { ok: true, value: true });
    assert.equal(readDeletedServiceAccount(200, { data: { deleteServiceAccount: { success: false } } }).ok, false);
    assert.deepEqual(readOrganizations(200, { data: { organizations: [{ uuid: 'o', name: 'Org', pipes: [{ id: 1, name: 'P' }] }] } }), {
      ok: true,
      value: [{ uuid: 'o', name: 'Org', pipes: [{ id: '1', uuid: undefined, name: 'P' }] }],
    });
    assert.deepEqual(readOrganizations(200, { data: { organizations: [{ uuid: 'o', name: 'Org', pipes: [{ id: '3', uuid: 'p-3', name: 'Big' }] }] } }), {
      ok: true,
      value: [{ uuid: 'o', name: 'Org', pipes: [{ id: '3', uuid: 'p-3', name: 'Big' }] }],
    });
  });

  it('sends removeMembersFromPipe by the pipe\'s uuid and the account\'s, and reads its answer', () => {
    const body = removeMembersFromPipeBody('p-3', 'sa-uuid');
    assert.equal(body.operationName, 'RemoveMembersFromPipe');
    assert.deepEqual(body.variables, { input: { pipeUuid: 'p-3', usersUuids: ['sa-uuid'] } });
    assert.deepEqual(readRemovedMembers(200, { data: { removeMembersFromPipe: { success: true } } }), { ok: true, value: true });
    const refused = readRemovedMembers(200, { data: { removeMembersFromPipe: null }, errors: [{ message: 'Permission denied', extensions: { code: 'PERMISSION_DENIED' } }] });
    assert.equal(refused.ok, false);
    assert.match(describeApiErrors(refused.ok ? [] : refused.errors), /PERMISSION_DENIED/);
  });
});
