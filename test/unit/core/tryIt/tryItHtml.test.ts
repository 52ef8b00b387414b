import assert from 'node:assert/strict';
import { extensionAssetSources, renderTryItHtml, tryItContentSecurityPolicy } from '../../../../src/core/tryIt/tryItHtml';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nce+/AbC123',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/tryIt.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/tryIt.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css',
};

describe('Try It page shell and its Content Security Policy', () => {
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

  it('sends a shell: the body holds the script only, and the page builds its own DOM', () => {
    const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    assert.equal(body.replace(/<script\b[^>]*><\/script>/, '').trim(), '');
  });
});
