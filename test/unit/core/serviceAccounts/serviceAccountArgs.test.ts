import * as assert from 'node:assert/strict';
import { describeRefusal, draftFromArgs, pipeIdsArg, superAdminAdvice } from '../../../../src/core/serviceAccounts/serviceAccountArgs';

const organization = { uuid: 'org-uuid', name: 'Org', pipes: [] };

describe('the service-account commands\' arguments and refusals', () => {
  it('reads a draft from arguments, the role `normal` by default, and a missing lifetime as not a number for the check to refuse', () => {
    assert.deepEqual(draftFromArgs({ name: 'bot', lifetimeUnit: 'hours', lifetimeValue: 2 }, organization), {
      organizationUuid: 'org-uuid',
      name: 'bot',
      description: undefined,
      role: 'normal',
      lifetime: { unit: 'hours', value: 2 },
    });
    assert.ok(Number.isNaN(draftFromArgs({ name: 'bot' }, organization).lifetime.value));
  });

  it('takes pipe IDs as strings or numbers, none when absent, and refuses anything else by name', () => {
    assert.deepEqual(pipeIdsArg({}), []);
    assert.deepEqual(pipeIdsArg({ pipeIds: ['3', 4] }), ['3', '4']);
    assert.throws(() => pipeIdsArg({ pipeIds: '3' }), /"pipeIds" must be an array of pipe IDs/);
    assert.throws(() => pipeIdsArg({ pipeIds: [{}] }), /"pipeIds" must be an array of pipe IDs/);
  });

  it('gives Pipefy\'s errors as they came, and the advice only for a refusal of rights', () => {
    const denied = [{ message: 'Permission denied', code: 'PERMISSION_DENIED' }];
    assert.match(describeRefusal(denied, 'Pipefy refused', superAdminAdvice('ops')), /^Pipefy refused: Permission denied \(PERMISSION_DENIED\) Only a Super Admin may manage service accounts, and "ops" is not accepted as one/);
    assert.equal(describeRefusal([{ message: 'Name taken' }], 'Pipefy refused', 'advice'), 'Pipefy refused: Name taken');
  });
});
