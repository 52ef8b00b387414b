import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  NUMBER_SETTINGS,
  RESTRICTED_SETTING_KEYS,
  SETTING_KEYS,
  type SettingKey,
  type SettingValues,
  exposeTokenFrom,
  settingsFrom,
} from '../../../../src/core/settings/settingsValues';

/** Settings as a trusted workspace reads them: `values` in effect, nothing else set. */
const trusted = (values: Partial<Record<SettingKey, unknown>>) => settingsFrom((key) => ({ value: values[key] }), true);

const DEFAULTS = {
  allowedApiOrigins: ['https://api.pipefy.com', 'https://app.pipefy.com'],
  tokenTimeoutMs: 15_000,
  graphqlTimeoutMs: 60_000,
  requestsPer30Seconds: 500,
  schemaHostPairs: [['https://api.pipefy.com', 'https://app.pipefy.com']],
  runAllPagesMaxItems: 10_000,
  historyKeepResponses: 50,
};

describe('settings values', () => {
  it('gives every default when nothing is set', () => {
    assert.deepEqual(trusted({}), DEFAULTS);
  });

  it('reads values in range as they are, timeouts in milliseconds', () => {
    assert.deepEqual(
      trusted({
        allowedApiOrigins: ['https://example.com'],
        tokenRequestTimeoutSeconds: 2.5,
        graphqlTimeoutSeconds: 90,
        'rateLimit.requestsPer30Seconds': 20,
        'schema.hostPairs': [['https://a.example', 'https://b.example']],
        'runAllPages.maxItems': 50,
        'history.keepResponses': 7,
      }),
      {
        allowedApiOrigins: ['https://example.com'],
        tokenTimeoutMs: 2500,
        graphqlTimeoutMs: 90_000,
        requestsPer30Seconds: 20,
        schemaHostPairs: [['https://a.example', 'https://b.example']],
        runAllPagesMaxItems: 50,
        historyKeepResponses: 7,
      },
    );
  });

  describe('a number out of range is clamped to it', () => {
    it('the responses History keeps: 0 (none) to the 50 runs History holds, whole', () => {
      assert.equal(trusted({ 'history.keepResponses': -3 }).historyKeepResponses, 0);
      assert.equal(trusted({ 'history.keepResponses': 0 }).historyKeepResponses, 0);
      assert.equal(trusted({ 'history.keepResponses': 12.7 }).historyKeepResponses, 12);
      assert.equal(trusted({ 'history.keepResponses': 500 }).historyKeepResponses, 50);
    });

    it('the token request timeout: 1 to 300 seconds', () => {
      assert.equal(trusted({ tokenRequestTimeoutSeconds: 0 }).tokenTimeoutMs, 1000);
      assert.equal(trusted({ tokenRequestTimeoutSeconds: -30 }).tokenTimeoutMs, 1000);
      assert.equal(trusted({ tokenRequestTimeoutSeconds: 0.5 }).tokenTimeoutMs, 1000);
      assert.equal(trusted({ tokenRequestTimeoutSeconds: 1 }).tokenTimeoutMs, 1000);
      assert.equal(trusted({ tokenRequestTimeoutSeconds: 300 }).tokenTimeoutMs, 300_000);
      assert.equal(trusted({ tokenRequestTimeoutSeconds: 301 }).tokenTimeoutMs, 300_000);
    });

    it('the GraphQL timeout: 1 to 600 seconds', () => {
      assert.equal(trusted({ graphqlTimeoutSeconds: 0 }).graphqlTimeoutMs, 1000);
      assert.equal(trusted({ graphqlTimeoutSeconds: 600 }).graphqlTimeoutMs, 600_000);
      assert.equal(trusted({ graphqlTimeoutSeconds: 1e9 }).graphqlTimeoutMs, 600_000);
    });

    it('the rate limit: 1 to 100,000 requests, rounded down to a whole number', () => {
      assert.equal(trusted({ 'rateLimit.requestsPer30Seconds': 0 }).requestsPer30Seconds, 1);
      assert.equal(trusted({ 'rateLimit.requestsPer30Seconds': 0.9 }).requestsPer30Seconds, 1);
      assert.equal(trusted({ 'rateLimit.requestsPer30Seconds': 7.9 }).requestsPer30Seconds, 7);
      assert.equal(trusted({ 'rateLimit.requestsPer30Seconds': 100_000 }).requestsPer30Seconds, 100_000);
      assert.equal(trusted({ 'rateLimit.requestsPer30Seconds': 100_001 }).requestsPer30Seconds, 100_000);
    });

    it('the Run All Pages cap: 1 to 1,000,000 items, rounded down to a whole number', () => {
      assert.equal(trusted({ 'runAllPages.maxItems': -1 }).runAllPagesMaxItems, 1);
      assert.equal(trusted({ 'runAllPages.maxItems': 1.5 }).runAllPagesMaxItems, 1);
      assert.equal(trusted({ 'runAllPages.maxItems': 1_000_000 }).runAllPagesMaxItems, 1_000_000);
      assert.equal(trusted({ 'runAllPages.maxItems': 2_000_000 }).runAllPagesMaxItems, 1_000_000);
    });
  });

  it('a value of the wrong type gives the default', () => {
    for (const wrong of ['30', null, true, {}, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(trusted(Object.fromEntries(SETTING_KEYS.map((key) => [key, wrong]))), DEFAULTS, String(wrong));
    }
  });

  it('a list keeps only its well-formed entries', () => {
    assert.deepEqual(trusted({ allowedApiOrigins: ['https://a.example', 3, null, 'https://b.example'] }).allowedApiOrigins, ['https://a.example', 'https://b.example']);
    const pairs = [['https://a.example', 'https://b.example'], ['https://a.example'], ['https://a.example', 'https://b.example', 'https://c.example'], ['https://a.example', 'not a url'], 'https://a.example', ['https://c.example', 'https://d.example']];
    assert.deepEqual(trusted({ 'schema.hostPairs': pairs }).schemaHostPairs, [['https://a.example', 'https://b.example'], ['https://c.example', 'https://d.example']]);
    assert.deepEqual(trusted({ allowedApiOrigins: [], 'schema.hostPairs': [] }), { ...DEFAULTS, allowedApiOrigins: [], schemaHostPairs: [] }, 'an empty list is a choice, not a mistake');
  });

  it('in Restricted Mode takes only the user\'s own value (or the default) for a restricted setting, never the workspace\'s', () => {
    const read = (key: SettingKey): SettingValues =>
      key === 'allowedApiOrigins'
        ? { value: ['https://evil.example'], globalValue: undefined, defaultValue: DEFAULTS.allowedApiOrigins }
        : key === 'tokenRequestTimeoutSeconds'
          ? { value: 300, globalValue: 20, defaultValue: 15 }
          : { value: 5, globalValue: undefined, defaultValue: undefined };
    const restricted = settingsFrom(read, false);
    assert.deepEqual(restricted.allowedApiOrigins, DEFAULTS.allowedApiOrigins);
    assert.equal(restricted.tokenTimeoutMs, 20_000);
    assert.equal(restricted.requestsPer30Seconds, 500, 'the default, not the workspace\'s 5');
    assert.equal(restricted.runAllPagesMaxItems, 5, 'a cap on what is collected widens nothing: the workspace value stands');
    assert.deepEqual(settingsFrom(read, true).allowedApiOrigins, ['https://evil.example'], 'a trusted workspace\'s own value counts');
  });

  it('turns the terminal token on only for the user\'s own true', () => {
    assert.equal(exposeTokenFrom({ value: true, globalValue: true }), true);
    for (const values of [{ value: true }, { value: true, globalValue: 'true' }, { globalValue: 1 }, { value: false, globalValue: false }, {}]) {
      assert.equal(exposeTokenFrom(values), false, JSON.stringify(values));
    }
  });

  describe('agrees with package.json', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { default?: unknown; minimum?: number; maximum?: number }> } };
    };
    const declared = (key: string) => manifest.contributes.configuration.properties[`pipefy.${key}`];

    it('declares every setting read here', () => {
      for (const key of SETTING_KEYS) assert.ok(declared(key), key);
    });

    it('with the same default and range for every number', () => {
      for (const [key, { fallback, min, max }] of Object.entries(NUMBER_SETTINGS)) {
        assert.deepEqual({ default: declared(key)?.default, minimum: declared(key)?.minimum, maximum: declared(key)?.maximum }, { default: fallback, minimum: min, maximum: max }, key);
      }
    });

    it('with the same defaults for the lists', () => {
      assert.deepEqual(declared('allowedApiOrigins')?.default, DEFAULTS.allowedApiOrigins);
      assert.deepEqual(declared('schema.hostPairs')?.default, DEFAULTS.schemaHostPairs);
    });

    it('listing the same settings as restricted (and the terminal token, read apart)', () => {
      const restricted = [...RESTRICTED_SETTING_KEYS, 'terminal.exposeToken'].map((key) => `pipefy.${key}`).sort();
      assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), restricted);
    });
  });
});
