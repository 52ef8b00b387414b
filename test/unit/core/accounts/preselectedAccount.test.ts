import * as assert from 'node:assert/strict';
import { preselectedAccountId } from '../../../../src/core/accounts/preselectedAccount';

describe('preselectedAccountId', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };

  it('starts on the active account', () => {
    assert.equal(preselectedAccountId([a, b], 'b'), 'b');
  });

  it('starts on the only account when none is active', () => {
    assert.equal(preselectedAccountId([a], undefined), 'a');
  });

  it('leaves the choice to the user with several accounts and none active', () => {
    assert.equal(preselectedAccountId([a, b], undefined), undefined);
  });

  it('ignores an active id that is no longer saved', () => {
    assert.equal(preselectedAccountId([a, b], 'gone'), undefined);
    assert.equal(preselectedAccountId([a], 'gone'), 'a');
  });

  it('has nothing to preselect without accounts', () => {
    assert.equal(preselectedAccountId([], undefined), undefined);
  });
});
