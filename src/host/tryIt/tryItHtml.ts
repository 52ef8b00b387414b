/**
 * The Try It page: static markup only. Everything that depends on data is built by the webview
 * script with DOM nodes and textContent, so nothing from a server or a user is ever parsed as HTML.
 * No `vscode` import, so the CSP can be unit-tested.
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
 * SPEC §4.5. No 'unsafe-inline' for styles: @vscode-elements/elements (Lit) styles its shadow
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
${BODY}
  <script type="module" nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Stable ids (and data-testid) are what the end-to-end tests look for; keep them when restyling.
// The client secret is a native <input>, not a vscode-textfield: the toolkit's field is
// form-associated and hands its value to the browser as form state, which Chromium writes to the
// profile's session files on disk, password or not. A native field with autocomplete off is never
// saved, masked or shown (see webview/tryIt/secretField.ts).
const BODY = `
<main id="try-it" aria-labelledby="title">
  <header class="page-header">
    <h1 id="title">Try It: get a service-account token</h1>
    <p class="lede">Sends <code>POST</code> to the token endpoint with <code>grant_type=client_credentials</code>, the way Pipefy's API docs do, and shows what went out and what came back.</p>
  </header>

  <div class="request-column">
  <form id="request-form" class="panel-section" novalidate aria-label="Token request">
    <div class="field">
      <vscode-label for="account">Account</vscode-label>
      <vscode-single-select id="account" data-testid="account" aria-label="Account"></vscode-single-select>
      <div class="helper" id="account-details"></div>
    </div>

    <div class="field">
      <vscode-label for="token-endpoint">Token endpoint</vscode-label>
      <vscode-textfield id="token-endpoint" data-testid="token-endpoint" type="url" aria-label="Token endpoint" placeholder="https://app.pipefy.com/oauth/token" autocomplete="off"></vscode-textfield>
      <div class="problem" id="token-endpoint-problem" data-field="tokenEndpoint" aria-live="polite"></div>
    </div>

    <div class="field">
      <vscode-label for="client-id">Client ID</vscode-label>
      <vscode-textfield id="client-id" data-testid="client-id" aria-label="Client ID" autocomplete="off"></vscode-textfield>
      <div class="problem" id="client-id-problem" data-field="clientId" aria-live="polite"></div>
    </div>

    <div class="field">
      <vscode-label for="client-secret-input">Client secret</vscode-label>
      <div id="client-secret" data-testid="client-secret" class="secret-field">
        <input id="client-secret-input" type="password" autocomplete="off" spellcheck="false" autocapitalize="off" aria-label="Client secret" aria-describedby="client-secret-helper client-secret-problem">
        <vscode-icon id="reveal-secret" data-testid="reveal-secret" name="eye" action-icon label="Show the secret" title="Show the secret"></vscode-icon>
      </div>
      <div class="helper" id="client-secret-helper"></div>
      <div class="problem" id="client-secret-problem" data-field="clientSecret" aria-live="polite"></div>
    </div>

    <div class="field">
      <vscode-label for="auth-mode">Client authentication</vscode-label>
      <vscode-single-select id="auth-mode" data-testid="auth-mode" aria-label="Client authentication">
        <vscode-option value="form" description="client_id and client_secret in the form body (RFC 6749 client_secret_post). Pipefy's default.">Form body</vscode-option>
        <vscode-option value="json" description="client_id and client_secret in a JSON body.">JSON body</vscode-option>
        <vscode-option value="basic" description="client_id and client_secret in an HTTP Basic header (client_secret_basic).">HTTP Basic</vscode-option>
      </vscode-single-select>
      <div class="problem" id="auth-mode-problem" data-field="authMode" aria-live="polite"></div>
    </div>

    <div class="field">
      <vscode-label for="grant-type">Grant type</vscode-label>
      <vscode-textfield id="grant-type" data-testid="grant-type" value="client_credentials" readonly aria-label="Grant type (fixed)"></vscode-textfield>
    </div>

    <div class="actions">
      <vscode-button id="send" data-testid="send" type="submit" icon="send" aria-label="Send the token request">Send</vscode-button>
      <vscode-button id="cancel" data-testid="cancel" secondary hidden aria-label="Cancel the token request">Cancel</vscode-button>
      <vscode-progress-ring id="progress" hidden aria-label="Waiting for the token endpoint"></vscode-progress-ring>
      <span id="status" data-testid="status" role="status" aria-live="polite"></span>
    </div>
  </form>

  <div id="result" data-testid="result" class="result-column" aria-label="Result">
  <p id="result-placeholder" data-testid="result-placeholder" class="helper placeholder">The token, its countdown and the response appear here after Send.</p>

  <section id="error" data-testid="error" class="panel-section error" role="alert" hidden aria-labelledby="error-title">
    <h2 id="error-title"><span class="codicon codicon-error" aria-hidden="true"></span> <span id="error-message"></span></h2>
    <p id="error-hint"></p>
    <div class="actions">
      <vscode-button id="show-logs" secondary aria-label="Show the Pipefy log">Show Logs</vscode-button>
    </div>
  </section>

  <section id="token" class="panel-section" hidden aria-labelledby="token-title">
    <h2 id="token-title">Token</h2>
    <p class="countdown-line">
      <span class="countdown-caption" id="countdown-caption">Expires in</span>
      <span id="countdown" data-testid="countdown" role="timer" aria-live="off" data-urgency="unknown"></span>
    </p>
    <p id="token-details" class="helper"></p>
    <div id="expired" data-testid="expired" hidden>
      <p role="status"><span class="codicon codicon-warning" aria-hidden="true"></span> <span id="expired-message">This token has expired. Requests sent with it will be refused.</span></p>
      <vscode-button id="get-new-token" data-testid="get-new-token" icon="refresh">Get a new token</vscode-button>
    </div>
  </section>

  <section id="response" class="panel-section" hidden aria-labelledby="response-title">
    <div class="section-header">
      <h2 id="response-title">Response</h2>
      <div class="response-meta">
        <span id="response-status" data-testid="response-status"></span>
        <span id="response-time" data-testid="response-time"></span>
        <span id="response-size" data-testid="response-size"></span>
      </div>
      <vscode-button id="copy-response" data-testid="copy-response" secondary icon="copy" aria-label="Copy the response body">Copy</vscode-button>
    </div>
    <vscode-tabs id="response-tabs">
      <vscode-tab-header slot="header" id="response-body-tab">Body</vscode-tab-header>
      <vscode-tab-panel>
        <pre id="response-json" data-testid="response-json" class="code json" tabindex="0" aria-label="Response body"></pre>
      </vscode-tab-panel>
      <vscode-tab-header slot="header" id="response-headers-tab">Headers</vscode-tab-header>
      <vscode-tab-panel>
        <table id="response-headers" data-testid="response-headers" class="headers" aria-label="Response headers"></table>
      </vscode-tab-panel>
      <vscode-tab-header slot="header" id="response-request-tab">Request sent</vscode-tab-header>
      <vscode-tab-panel>
        <pre id="request-sent" data-testid="request-sent" class="code" tabindex="0" aria-label="Request sent, secret redacted"></pre>
      </vscode-tab-panel>
    </vscode-tabs>
  </section>
  </div>

  <section id="save" class="panel-section" aria-labelledby="save-title" hidden>
    <h2 id="save-title">Save as account</h2>
    <p class="helper">Keeps these values as a service account. The secret goes to VS Code's SecretStorage and is never shown here again.</p>
    <form id="save-form" novalidate aria-label="Save as account">
      <div class="field">
        <vscode-label for="label" required>Label</vscode-label>
        <vscode-textfield id="label" data-testid="label" aria-label="Account label" placeholder="prod" autocomplete="off"></vscode-textfield>
        <div class="problem" id="label-problem" data-field="label" aria-live="polite"></div>
      </div>
      <div class="field">
        <vscode-label for="graphql-endpoint">GraphQL endpoint</vscode-label>
        <vscode-textfield id="graphql-endpoint" data-testid="graphql-endpoint" type="url" aria-label="GraphQL endpoint" autocomplete="off"></vscode-textfield>
        <div class="problem" id="graphql-endpoint-problem" data-field="graphqlEndpoint" aria-live="polite"></div>
      </div>
      <div class="field">
        <vscode-label for="description">Description (optional)</vscode-label>
        <vscode-textfield id="description" data-testid="description" aria-label="Account description" autocomplete="off"></vscode-textfield>
        <div class="problem" id="description-problem" data-field="description" aria-live="polite"></div>
      </div>
      <div class="actions">
        <vscode-button id="save-account" data-testid="save-account" type="submit" icon="save" aria-label="Save as account">Save as account</vscode-button>
        <span id="save-status" data-testid="save-status" role="status" aria-live="polite"></span>
      </div>
    </form>
  </section>

  <section id="request" class="panel-section" aria-labelledby="request-title">
    <h2 id="request-title">Request preview <span class="helper">(secret redacted)</span></h2>
    <pre id="request-preview" data-testid="request-preview" class="code" tabindex="0" aria-label="Request preview"></pre>
  </section>

  <section id="snippets" class="panel-section" aria-labelledby="snippets-title">
    <div class="section-header">
      <h2 id="snippets-title">Code</h2>
      <vscode-button id="copy-snippet" data-testid="copy-snippet" secondary icon="copy" aria-label="Copy the selected snippet">Copy</vscode-button>
    </div>
    <p class="helper">These read the secret from the <code>PIPEFY_CLIENT_SECRET</code> environment variable and never contain it.</p>
    <vscode-tabs id="snippet-tabs">
      <vscode-tab-header slot="header" data-language="curl">curl</vscode-tab-header>
      <vscode-tab-panel><pre id="snippet-curl" data-testid="snippet-curl" class="code" tabindex="0" aria-label="curl snippet"></pre></vscode-tab-panel>
      <vscode-tab-header slot="header" data-language="node">Node</vscode-tab-header>
      <vscode-tab-panel><pre id="snippet-node" data-testid="snippet-node" class="code" tabindex="0" aria-label="Node snippet"></pre></vscode-tab-panel>
      <vscode-tab-header slot="header" data-language="python">Python</vscode-tab-header>
      <vscode-tab-panel><pre id="snippet-python" data-testid="snippet-python" class="code" tabindex="0" aria-label="Python snippet"></pre></vscode-tab-panel>
    </vscode-tabs>
  </section>
  </div>

</main>`;
