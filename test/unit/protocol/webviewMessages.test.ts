import assert from 'node:assert/strict';
import { isHostMessage } from '../../../src/protocol/tryIt/hostMessages';
import { MESSAGE_LIMITS, describeRejectedMessage, isWebviewMessage } from '../../../src/protocol/tryIt/webviewMessages';

const adHoc = { kind: 'adhoc', tokenEndpoint: 'https://app.pipefy.com/oauth/token', clientId: 'client-1', authMode: 'form' } as const;
const draft = {
  label: 'prod',
  description: 'Production',
  graphqlEndpoint: 'https://api.pipefy.com/graphql',
  tokenEndpoint: 'https://app.pipefy.com/oauth/token',
  clientId: 'client-1',
  clientSecret: 'sekret-value',
  authMode: 'basic',
};

/** One valid example of every message the webview may send. */
const VALID: ReadonlyArray<[string, unknown]> = [
  ['ready', { type: 'ready' }],
  ['preview of an account', { type: 'preview', target: { kind: 'account', accountId: 'b7e1c2a4-0000-4000-8000-000000000001' } }],
  ['preview ad hoc', { type: 'preview', target: { ...adHoc, secretEntered: true } }],
  ['preview ad hoc, empty fields', { type: 'preview', target: { ...adHoc, tokenEndpoint: '', clientId: '', secretEntered: false } }],
  ['send an account', { type: 'send', target: { kind: 'account', accountId: 'a1' } }],
  ['send ad hoc', { type: 'send', target: { ...adHoc, clientSecret: 'sekret-value' } }],
  ['send ad hoc, json', { type: 'send', target: { ...adHoc, authMode: 'json', clientSecret: '' } }],
  ['send ad hoc, basic', { type: 'send', target: { ...adHoc, authMode: 'basic', clientSecret: 'x' } }],
  ['cancel', { type: 'cancel' }],
  ['save', { type: 'saveAccount', draft }],
  ['save without a description', { type: 'saveAccount', draft: { ...draft, description: undefined } }],
  ['save, description left out', { type: 'saveAccount', draft: withoutKey(draft, 'description') }],
  ['copy the body', { type: 'copy', what: 'responseBody' }],
  ['copy curl', { type: 'copy', what: 'curl' }],
  ['copy node', { type: 'copy', what: 'node' }],
  ['copy python', { type: 'copy', what: 'python' }],
  ['show logs', { type: 'showLogs' }],
];

describe('protocol: messages from the Try It webview', () => {
  describe('accepts every valid message', () => {
    for (const [name, message] of VALID) {
      it(name, () => assert.equal(isWebviewMessage(message), true));
    }
  });

  it('accepts a message that went through structured cloning (what postMessage does)', () => {
    for (const [, message] of VALID) assert.equal(isWebviewMessage(structuredClone(message)), true);
  });

  it("checks each message against its own type's fields, not another's", () => {
    assert.equal(isWebviewMessage({ type: 'ready', target: { kind: 'account', accountId: 'a1' } }), false);
    assert.equal(isWebviewMessage({ type: 'cancel', what: 'curl' }), false);
    assert.equal(isWebviewMessage({ type: 'copy', target: { kind: 'account', accountId: 'a1' } }), false);
  });

  describe('rejects malformed messages', () => {
    const huge = 'x'.repeat(100_000);
    const cases: ReadonlyArray<[string, unknown]> = [
      ['undefined', undefined],
      ['null', null],
      ['a string', 'ready'],
      ['a number', 42],
      ['an array', [{ type: 'ready' }]],
      ['no type', {}],
      ['an unknown type', { type: 'deleteAllAccounts' }],
      ['a type of the wrong case', { type: 'Ready' }],
      ['a non-string type', { type: 1 }],
      ['a host message type', { type: 'init', accounts: [], busy: false }],
      ['an extra field on ready', { type: 'ready', extra: true }],
      ['an extra field on cancel', { type: 'cancel', clientSecret: 'sekret' }],
      ['preview without a target', { type: 'preview' }],
      ['preview with a null target', { type: 'preview', target: null }],
      ['preview with an unknown target kind', { type: 'preview', target: { kind: 'other', accountId: 'a1' } }],
      ['preview carrying the secret', { type: 'preview', target: { ...adHoc, secretEntered: true, clientSecret: 'sekret' } }],
      ['preview with secretEntered as a string', { type: 'preview', target: { ...adHoc, secretEntered: 'yes' } }],
      ['preview missing secretEntered', { type: 'preview', target: adHoc }],
      ['an account target with an empty id', { type: 'send', target: { kind: 'account', accountId: '' } }],
      ['an account target with a numeric id', { type: 'send', target: { kind: 'account', accountId: 7 } }],
      ['an account target with a huge id', { type: 'send', target: { kind: 'account', accountId: huge } }],
      ['an account target with extra fields', { type: 'send', target: { kind: 'account', accountId: 'a1', tokenEndpoint: 'https://evil.example' } }],
      ['send ad hoc without a secret field', { type: 'send', target: adHoc }],
      ['send ad hoc with a numeric secret', { type: 'send', target: { ...adHoc, clientSecret: 1234 } }],
      ['send ad hoc with a huge secret', { type: 'send', target: { ...adHoc, clientSecret: huge } }],
      ['send ad hoc with a huge endpoint', { type: 'send', target: { ...adHoc, tokenEndpoint: `https://x/${huge}`, clientSecret: 's' } }],
      ['send ad hoc with a huge client id', { type: 'send', target: { ...adHoc, clientId: huge, clientSecret: 's' } }],
      ['send ad hoc with an unknown auth mode', { type: 'send', target: { ...adHoc, authMode: 'private_key_jwt', clientSecret: 's' } }],
      ['send ad hoc with an auth mode of the wrong case', { type: 'send', target: { ...adHoc, authMode: 'Basic', clientSecret: 's' } }],
      ['send ad hoc with a missing endpoint', { type: 'send', target: { ...withoutKey(adHoc, 'tokenEndpoint'), clientSecret: 's' } }],
      ['send ad hoc with an endpoint object', { type: 'send', target: { ...adHoc, tokenEndpoint: { href: 'https://x' }, clientSecret: 's' } }],
      ['save without a draft', { type: 'saveAccount' }],
      ['save with a draft missing the label', { type: 'saveAccount', draft: withoutKey(draft, 'label') }],
      ['save with a numeric label', { type: 'saveAccount', draft: { ...draft, label: 5 } }],
      ['save with a huge label', { type: 'saveAccount', draft: { ...draft, label: 'x'.repeat(MESSAGE_LIMITS.label + 1) } }],
      ['save with a huge description', { type: 'saveAccount', draft: { ...draft, description: huge } }],
      ['save with a null description', { type: 'saveAccount', draft: { ...draft, description: null } }],
      ['save with an unknown auth mode', { type: 'saveAccount', draft: { ...draft, authMode: 'none' } }],
      ['save with an id (editing is not the panel\'s job)', { type: 'saveAccount', draft: { ...draft, id: 'a1' } }],
      ['save with a lifetime hint it does not offer', { type: 'saveAccount', draft: { ...draft, lifetimeHintSeconds: 600 } }],
      ['copy of an unknown target', { type: 'copy', what: 'token' }],
      ['copy without a target', { type: 'copy' }],
      ['a prototype-polluting key', JSON.parse('{"type":"ready","__proto__":{"polluted":true}}')],
    ];
    for (const [name, message] of cases) {
      it(name, () => assert.equal(isWebviewMessage(message), false));
    }
  });

  it('accepts values right at the size limits and rejects one character more', () => {
    const at = { type: 'send', target: { ...adHoc, clientSecret: 's'.repeat(MESSAGE_LIMITS.clientSecret) } };
    const over = { type: 'send', target: { ...adHoc, clientSecret: 's'.repeat(MESSAGE_LIMITS.clientSecret + 1) } };
    assert.equal(isWebviewMessage(at), true);
    assert.equal(isWebviewMessage(over), false);
  });

  describe('describeRejectedMessage (what the log may say)', () => {
    it('names a known type', () => {
      assert.equal(describeRejectedMessage({ type: 'send', target: { kind: 'adhoc', clientSecret: 'sekret-value' } }), 'type "send"');
    });

    it('never repeats an unknown type or any field value, which could be a secret', () => {
      const secret = 'sekret-value-123';
      for (const message of [{ type: secret }, { type: 'send', clientSecret: secret }, { type: { secret } }, secret, [secret]]) {
        const text = describeRejectedMessage(message);
        assert.equal(text.includes(secret), false, text);
      }
      assert.equal(describeRejectedMessage({ type: 'sekret' }), 'an unknown type');
      assert.equal(describeRejectedMessage(null), 'a null value');
      assert.equal(describeRejectedMessage('x'), 'a string value');
      assert.equal(describeRejectedMessage([1]), 'an array');
      assert.equal(describeRejectedMessage({}), 'an object without a type');
    });
  });
});

describe('protocol: messages from the host (envelope check in the webview)', () => {
  it('accepts known types', () => {
    for (const type of ['init', 'accounts', 'select', 'preview', 'busy', 'result', 'tokenTimes', 'saved', 'saveFailed', 'copied']) {
      assert.equal(isHostMessage({ type }), true, type);
    }
  });

  it('ignores anything else posted into the page', () => {
    for (const value of [null, 'init', { type: 'ready' }, { type: 'setState' }, { data: 1 }, [{ type: 'init' }]]) {
      assert.equal(isHostMessage(value), false, JSON.stringify(value));
    }
  });
});

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
