import assert from 'node:assert/strict';
import { extensionAssetSources, renderTryItHtml, tryItContentSecurityPolicy } from '../../../src/host/tryIt/tryItHtml';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nce+/AbC123',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/tryIt.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/tryIt.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css',
};

describe('Try It page and its Content Security Policy (SPEC §4.5)', () => {
  const html = renderTryItHtml(resources);

  it('allows nothing by default, scripts by nonce only, styles, fonts and images from the extension only', () => {
    assert.equal(
      tryItContentSecurityPolicy(resources.cspSource, resources.nonce),
      `default-src 'none'; script-src 'nonce-${resources.nonce}'; style-src ${resources.cspSource}; font-src ${resources.cspSource}; img-src ${resources.cspSource}`,
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|\*/);
  });

  it("leaves out 'self', which in VS Code in the browser is the whole server, around localResourceRoots", () => {
    // webview.cspSource in code-server 4.100 (VS Code 1.100 in the browser).
    const browserCspSource = "'self' https://*.vscode-cdn.net";
    assert.equal(extensionAssetSources(browserCspSource), 'https://*.vscode-cdn.net');
    assert.equal(
      tryItContentSecurityPolicy(browserCspSource, 'abc'),
      "default-src 'none'; script-src 'nonce-abc'; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net",
    );
  });

  it('puts the policy in a meta tag before any resource', () => {
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    assert.ok(meta > 0);
    assert.ok(meta < html.indexOf('<link'));
    assert.ok(meta < html.indexOf('<script'));
  });

  it('loads exactly one script, from the extension, carrying the nonce', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`src="${resources.scriptUri}"`));
    assert.ok(scripts[0].includes(`nonce="${resources.nonce}"`));
  });

  it('has no inline script, inline event handler or style attribute', () => {
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /\sstyle\s*=/i);
    assert.doesNotMatch(html, /<style\b/i);
  });

  it('links the codicon stylesheet under the id vscode-icon looks for', () => {
    assert.ok(html.includes(`<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${resources.codiconUri}">`));
  });

  it('escapes what it interpolates', () => {
    const hostile = renderTryItHtml({ ...resources, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.ok(!hostile.includes('"><script>alert(1)'));
  });

  it('gives every control the end-to-end tests use a stable id and test id', () => {
    const ids = [
      'account',
      'token-endpoint',
      'client-id',
      'client-secret',
      'reveal-secret',
      'auth-mode',
      'grant-type',
      'send',
      'cancel',
      'status',
      'error',
      'countdown',
      'expired',
      'get-new-token',
      'response-status',
      'response-time',
      'response-size',
      'response-json',
      'response-headers',
      'request-sent',
      'copy-response',
      'request-preview',
      'snippet-curl',
      'snippet-node',
      'snippet-python',
      'copy-snippet',
      'label',
      'graphql-endpoint',
      'description',
      'save-account',
      'save-status',
    ];
    for (const id of ids) {
      assert.equal(html.match(new RegExp(`\\sid="${id}"`, 'g'))?.length, 1, `one #${id}`);
      assert.ok(html.includes(`data-testid="${id}"`), `data-testid=${id}`);
    }
  });

  it('labels every text field and select for assistive technology', () => {
    for (const tag of html.match(/<vscode-(textfield|single-select)\b[^>]*>/g) ?? []) {
      assert.match(tag, /aria-label="[^"]+"/, tag);
    }
  });

  it('masks the secret field by default', () => {
    assert.match(html, /<input id="client-secret-input" type="password"/);
  });

  it('keeps the secret out of the browser\'s saved form state: a native field with autocomplete off, inside no form-associated element', () => {
    const field = /<input id="client-secret-input"[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(field, /\sautocomplete="off"/);
    assert.match(field, /\saria-label="Client secret"/);
    assert.match(html, /<vscode-label for="client-secret-input">/);
    // vscode-textfield and the other toolkit fields save their value as form state whatever autocomplete says.
    const wrapper = /<div id="client-secret"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    assert.ok(wrapper.includes('id="client-secret-input"'));
    assert.doesNotMatch(wrapper, /<vscode-(textfield|textarea|single-select|multi-select|checkbox|radio)\b/);
    assert.doesNotMatch(html, /<vscode-textfield[^>]*type="password"/);
  });
});
