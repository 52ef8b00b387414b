import * as assert from 'node:assert/strict';
import {
  checkServiceAccountDraft,
  describeLifetime,
  lifetimeSeconds,
  parseLifetime,
  type ServiceAccountDraft,
} from '../../../../src/core/serviceAccounts/serviceAccountDraft';

const draft = (overrides: Partial<ServiceAccountDraft> = {}): ServiceAccountDraft => ({
  organizationUuid: 'org-uuid',
  name: 'reports-bot',
  role: 'normal',
  lifetime: { unit: 'days', value: 7 },
  ...overrides,
});
const fields = (d: ServiceAccountDraft) => checkServiceAccountDraft(d).map((problem) => problem.field);

describe('A service account draft, checked before anything is sent', () => {
  it('accepts what Pipefy accepts', () => {
    assert.deepEqual(checkServiceAccountDraft(draft()), []);
    assert.deepEqual(checkServiceAccountDraft(draft({ name: 'Reports bot_2.0', description: 'x'.repeat(140), role: 'admin' })), []);
  });

  it('refuses a name over 20 characters, an empty one, and one Pipefy would not make into an email', () => {
    assert.deepEqual(fields(draft({ name: 'x'.repeat(21) })), ['name']);
    assert.match(checkServiceAccountDraft(draft({ name: 'x'.repeat(21) }))[0].message, /21 characters; Pipefy allows 20/);
    assert.deepEqual(fields(draft({ name: '   ' })), ['name']);
    assert.match(checkServiceAccountDraft(draft({ name: 'bot@corp' }))[0].message, /only letters, digits, spaces, dots, hyphens and underscores/);
    assert.deepEqual(fields(draft({ name: 'café' })), ['name']);
  });

  it('refuses a description over 140 characters, an unknown role, and no organization', () => {
    assert.deepEqual(fields(draft({ description: 'x'.repeat(141) })), ['description']);
    assert.deepEqual(fields(draft({ role: 'owner' as never })), ['role']);
    assert.deepEqual(fields(draft({ organizationUuid: '' })), ['organizationUuid']);
  });

  it('takes a lifetime from 5 minutes to 30 days, whole numbers only, and says it is fixed for good', () => {
    assert.deepEqual(fields(draft({ lifetime: { unit: 'minutes', value: 5 } })), []);
    assert.deepEqual(fields(draft({ lifetime: { unit: 'days', value: 30 } })), []);
    assert.deepEqual(fields(draft({ lifetime: { unit: 'seconds', value: 299 } })), ['lifetime']);
    assert.deepEqual(fields(draft({ lifetime: { unit: 'days', value: 31 } })), ['lifetime']);
    assert.deepEqual(fields(draft({ lifetime: { unit: 'hours', value: 1.5 } })), ['lifetime']);
    assert.deepEqual(fields(draft({ lifetime: { unit: 'weeks' as never, value: 1 } })), ['lifetime']);
    assert.match(checkServiceAccountDraft(draft({ lifetime: { unit: 'days', value: 31 } }))[0].message, /never be changed/);
    assert.equal(lifetimeSeconds({ unit: 'hours', value: 2 }), 7200);
  });

  it('reads a lifetime as the prompt takes it', () => {
    assert.deepEqual(parseLifetime('30 days'), { lifetime: { unit: 'days', value: 30 } });
    assert.deepEqual(parseLifetime(' 1 Hour '), { lifetime: { unit: 'hours', value: 1 } });
    assert.match(parseLifetime('4 minutes').problem ?? '', /between 5 minutes and 30 days/);
    assert.match(parseLifetime('soon').problem ?? '', /a number and a unit/);
    assert.equal(describeLifetime({ unit: 'days', value: 1 }), '1 day');
    assert.equal(describeLifetime({ unit: 'minutes', value: 90 }), '90 minutes');
  });
});
