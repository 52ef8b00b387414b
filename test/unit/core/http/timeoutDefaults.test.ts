import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_GRAPHQL_TIMEOUT_MS } from '../../../../src/core/graphql/graphqlRunner';
import { DEFAULT_TOKEN_TIMEOUT_MS } from '../../../../src/core/oauth/requestToken';

/** The Settings UI shows the manifest's defaults; requests use core's. They must be the same numbers. */
describe('timeout defaults', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
  const settingDefault = (name: string) => manifest.contributes.configuration.properties[name]?.default;

  it('the settings page shows the token request timeout that applies', () => {
    assert.equal(settingDefault('pipefy.tokenRequestTimeoutSeconds'), DEFAULT_TOKEN_TIMEOUT_MS / 1000);
  });

  it('the settings page shows the GraphQL timeout that applies', () => {
    assert.equal(settingDefault('pipefy.graphqlTimeoutSeconds'), DEFAULT_GRAPHQL_TIMEOUT_MS / 1000);
  });
});
