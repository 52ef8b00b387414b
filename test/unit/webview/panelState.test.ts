import assert from 'node:assert/strict';
import { AD_HOC, DEFAULT_PANEL_STATE, parsePanelState } from '../../../webview/tryIt/panelState';

describe('Try It saved page state (vscode.setState)', () => {
  it('falls back to defaults for nothing or garbage', () => {
    for (const value of [undefined, null, 'x', 42, [], {}]) assert.deepEqual(parsePanelState(value), DEFAULT_PANEL_STATE);
    assert.equal(DEFAULT_PANEL_STATE.selection, AD_HOC);
  });

  it('keeps the known, non-secret fields', () => {
    const state = {
      selection: 'acc-1',
      adHoc: { tokenEndpoint: 'http://127.0.0.1:5000/oauth/token', clientId: 'cid', authMode: 'basic' },
      save: { label: 'sandbox', graphqlEndpoint: 'http://127.0.0.1:5000/graphql', description: 'local' },
      snippetLanguage: 'python',
    };
    assert.deepEqual(parsePanelState(state), state);
  });

  it('drops anything it does not know, so a secret or token stored there never comes back', () => {
    const parsed = parsePanelState({
      selection: AD_HOC,
      clientSecret: 'sekret',
      token: 'eyJ...',
      lastResult: { response: { bodyText: '{"access_token":"t"}' } },
      adHoc: { tokenEndpoint: 'https://x', clientId: 'c', authMode: 'form', clientSecret: 'sekret' },
      save: { label: 'l', graphqlEndpoint: 'https://g', description: '', clientSecret: 'sekret' },
    });
    const text = JSON.stringify(parsed);
    assert.equal(text.includes('sekret'), false);
    assert.equal(text.includes('access_token'), false);
    assert.deepEqual(Object.keys(parsed).sort(), ['adHoc', 'save', 'selection', 'snippetLanguage']);
    assert.deepEqual(Object.keys(parsed.adHoc).sort(), ['authMode', 'clientId', 'tokenEndpoint']);
  });

  it('replaces fields of the wrong type or size one by one', () => {
    const parsed = parsePanelState({
      selection: 5,
      adHoc: { tokenEndpoint: 'x'.repeat(5000), clientId: 'kept', authMode: 'private_key_jwt' },
      snippetLanguage: 'ruby',
    });
    assert.equal(parsed.selection, DEFAULT_PANEL_STATE.selection);
    assert.equal(parsed.adHoc.tokenEndpoint, DEFAULT_PANEL_STATE.adHoc.tokenEndpoint);
    assert.equal(parsed.adHoc.clientId, 'kept');
    assert.equal(parsed.adHoc.authMode, 'form');
    assert.equal(parsed.snippetLanguage, 'curl');
  });
});
