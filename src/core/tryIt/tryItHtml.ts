/**
 * The Try It page's shell: the CSP, the stylesheets and the script, with an empty body. The page
 * itself is built by the webview script (webview/tryIt/tryItPage.ts) from DOM nodes and
 * textContent, so nothing from a server or a user is ever parsed as HTML.
 */

export interface TryItPageResources {
  /** `webview.cspSource`: where the webview serves extension files from (see extensionAssetSources). */
  readonly cspSource: string;
  /** A fresh, cryptographically random nonce per page load. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly codiconUri: string;
}

/**
 * The Try It page's policy: nothing by default, scripts by nonce, styles and fonts from the
 * extension only, so injected markup cannot run or load anything. No 'unsafe-inline' for styles: @vscode-elements/elements (Lit) styles its shadow
 * roots through constructable stylesheets (adoptedStyleSheets), which CSP does not govern, and
 * sets dynamic sizes through the CSSOM (`element.style.x = …`), which CSP allows; neither needs
 * inline style attributes or <style> elements.
 */
export function tryItContentSecurityPolicy(cspSource: string, nonce: string): string {
  const assets = extensionAssetSources(cspSource);
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${assets}`, `font-src ${assets}`, `img-src ${assets}`].join('; ');
}

/**
 * `webview.cspSource` without `'self'`. In VS Code in the browser (code-server), the webview's own
 * origin is the server's, and 'self' would let the page load any file the server can read through
 * /vscode-remote-resource, around localResourceRoots. The page's assets come from the resource
 * host (`https://*.vscode-cdn.net`), whose loader serves only localResourceRoots.
 */
export function extensionAssetSources(cspSource: string): string {
  return cspSource
    .split(/\s+/)
    .filter((source) => source && source !== "'self'")
    .join(' ');
}

export function renderTryItHtml(resources: TryItPageResources): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(tryItContentSecurityPolicy(resources.cspSource, resources.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(resources.codiconUri)}">
  <link rel="stylesheet" href="${attr(resources.styleUri)}">
  <title>Pipefy: Try It</title>
</head>
<body>
  <script type="module" nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
