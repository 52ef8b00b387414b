import assert from 'node:assert/strict';
import type { AccountDraft } from '../../../../src/core/accounts/account';
import {
  checkClientId,
  checkClientSecret,
  checkDescription,
  checkLabelAmong,
  checkLifetimeHint,
  validateAccountDraft,
} from '../../../../src/core/accounts/validateAccount';

const validDraft: AccountDraft = {
  label: 'prod',
  description: 'Production service account',
  tokenEndpoint: 'https://app.pipefy.com/oauth/token',
  graphqlEndpoint: 'https://api.pipefy.com/graphql',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  authMode: 'form',
  lifetimeHintSeconds: 3600,
};

describe('accounts: a label fits in a Pipefy service-account name', () => {
  it('accepts 20 characters', () => {
    assert.equal(checkLabelAmong('a'.repeat(20), []), undefined);
  });

  it('refuses 21 characters and says what the limit is and why', () => {
    const message = checkLabelAmong('a'.repeat(21), []);
    assert.ok(message);
    assert.match(message, /21 characters/);
    assert.match(message, /limit is 20/);
    assert.match(message, /email/);
  });

  it('does not count surrounding spaces', () => {
    assert.equal(checkLabelAmong(`  ${'a'.repeat(20)}  `, []), undefined);
  });

  it('refuses an empty or blank label', () => {
    assert.match(checkLabelAmong('   ', []) ?? '', /label is empty/);
  });
});

describe('accounts: a description has at most 140 characters', () => {
  it('accepts 140 characters and no description at all', () => {
    assert.equal(checkDescription('d'.repeat(140)), undefined);
    assert.equal(checkDescription(undefined), undefined);
  });

  it('refuses 141 characters and names the limit', () => {
    const message = checkDescription('d'.repeat(141));
    assert.ok(message);
    assert.match(message, /141 characters/);
    assert.match(message, /limit is 140/);
  });
});

describe('accounts: the lifetime hint is between 5 minutes and 30 days', () => {
  const thirtyDays = 30 * 24 * 60 * 60;

  it('accepts the bounds themselves', () => {
    assert.equal(checkLifetimeHint(300), undefined);
    assert.equal(checkLifetimeHint(thirtyDays), undefined);
  });

  it('accepts no hint at all', () => {
    assert.equal(checkLifetimeHint(undefined), undefined);
  });

  for (const [what, seconds] of [
    ['one second under 5 minutes', 299],
    ['one second over 30 days', thirtyDays + 1],
    ['zero', 0],
    ['a negative number', -300],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ] as const) {
    it(`refuses ${what}, naming the allowed range`, () => {
      assert.match(checkLifetimeHint(seconds) ?? '', /between 5 minutes and 30 days/);
    });
  }
});

describe('accounts: the client ID and secret may not be empty', () => {
  it('refuses an empty or blank client ID and says where to find it', () => {
    for (const id of ['', '   ']) assert.match(checkClientId(id) ?? '', /client ID is empty.*service account page/);
  });

  it('refuses an empty or blank secret and says a lost secret must be recreated', () => {
    for (const secret of ['', ' \t ']) {
      const message = checkClientSecret(secret) ?? '';
      assert.match(message, /client secret is empty/);
      assert.match(message, /shows a secret only once/);
    }
  });

  it('accepts non-empty values', () => {
    assert.equal(checkClientId('abc'), undefined);
    assert.equal(checkClientSecret('xyz'), undefined);
  });
});

describe('accounts: validateAccountDraft reports every problem, one per field, in form order', () => {
  it('finds nothing wrong with a valid draft', () => {
    assert.deepEqual(validateAccountDraft(validDraft), []);
  });

  it('accepts a sandbox account on loopback http', () => {
    const draft = { ...validDraft, tokenEndpoint: 'http://127.0.0.1:4010/oauth/token', graphqlEndpoint: 'http://localhost:4010/graphql' };
    assert.deepEqual(validateAccountDraft(draft), []);
  });

  it('lists each broken field once, in the order the form shows them', () => {
    const draft: AccountDraft = {
      label: 'x'.repeat(21),
      description: 'y'.repeat(141),
      tokenEndpoint: 'http://app.pipefy.com/oauth/token',
      graphqlEndpoint: 'not a url',
      clientId: '',
      clientSecret: '',
      authMode: 'digest' as AccountDraft['authMode'],
      lifetimeHintSeconds: 60,
    };
    const problems = validateAccountDraft(draft);
    assert.deepEqual(
      problems.map((p) => p.field),
      ['label', 'description', 'tokenEndpoint', 'graphqlEndpoint', 'clientId', 'clientSecret', 'authMode', 'lifetimeHintSeconds'],
    );
    for (const problem of problems) assert.ok(problem.message.length > 10, `${problem.field} has a real message`);
    assert.match(problems.find((p) => p.field === 'tokenEndpoint')!.message, /token endpoint uses http:\/\//);
    assert.match(problems.find((p) => p.field === 'graphqlEndpoint')!.message, /GraphQL endpoint "not a url" is not a valid URL/);
    assert.match(problems.find((p) => p.field === 'authMode')!.message, /form, json or basic/);
  });
});

describe('a label names one saved account', () => {
  const saved = [
    { id: 'a1', label: 'prod' },
    { id: 'a2', label: 'Sandbox' },
  ];

  it('refuses a label another account has, case aside, naming the one that has it', () => {
    assert.match(checkLabelAmong(' sandbox ', saved) ?? '', /^An account labelled "Sandbox" already exists\. Choose another label\.$/);
  });

  it('lets an account keep its own label when edited', () => {
    assert.equal(checkLabelAmong('PROD', saved, 'a1'), undefined);
  });

  it('puts the clash among the draft problems, under the label', () => {
    const problems = validateAccountDraft(
      { label: 'prod', tokenEndpoint: 'https://app.pipefy.com/oauth/token', graphqlEndpoint: 'https://api.pipefy.com/graphql', clientId: 'id', clientSecret: 'secret', authMode: 'form' },
      saved,
    );
    assert.deepEqual(problems.map((p) => p.field), ['label']);
  });

  it('checks the label\'s own rules first', () => {
    assert.match(checkLabelAmong('   ', saved) ?? '', /The label is empty/);
  });
});
