/**
 * Copy-paste code that gets a token the way the Try It panel does, for curl, Node and Python.
 * The input has no secret field on purpose: every snippet reads it from PIPEFY_CLIENT_SECRET at
 * run time, so a snippet pasted into a file, a chat or a commit never carries it.
 * Pure and browser-safe: the webview may import it.
 */
import { DEFAULT_TOKEN_ENDPOINT, type ClientAuthMode } from '../accounts/account';
import { formEncode } from './formEncode';

export const SECRET_ENV_VAR = 'PIPEFY_CLIENT_SECRET';

export const SNIPPET_LANGUAGES = ['curl', 'node', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export interface SnippetInput {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly authMode: ClientAuthMode;
}

export interface CodeSnippet {
  readonly language: SnippetLanguage;
  readonly title: string;
  readonly code: string;
}

const CLIENT_ID_PLACEHOLDER = 'YOUR_CLIENT_ID';

export function tokenRequestSnippets(input: SnippetInput): CodeSnippet[] {
  // Only these three fields are read, so nothing else a caller passes can leak into the text.
  const values = {
    url: input.tokenEndpoint.trim() || DEFAULT_TOKEN_ENDPOINT,
    clientId: input.clientId.trim() || CLIENT_ID_PLACEHOLDER,
    authMode: input.authMode,
  };
  return [
    { language: 'curl', title: 'curl', code: curlSnippet(values) },
    { language: 'node', title: 'Node (fetch)', code: nodeSnippet(values) },
    { language: 'python', title: 'Python (requests)', code: pythonSnippet(values) },
  ];
}

interface Values {
  readonly url: string;
  readonly clientId: string;
  readonly authMode: ClientAuthMode;
}

/** POSIX shell single quotes: nothing inside is expanded; a quote is closed, escaped, reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal is also a valid JavaScript and Python string literal. */
function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

// `:?` makes the shell stop with this message instead of sending an empty secret.
const SHELL_SECRET = `\${${SECRET_ENV_VAR}:?Set ${SECRET_ENV_VAR} to the client secret}`;

/** Said wherever Basic is used: whether the server form-decodes the header is not known for every server. */
const BASIC_ENCODING_NOTE = 'Pipefy may read the ID and secret unencoded: if this is refused (invalid_client) and the secret holds + / = % :, use the form body instead.';

function curlSnippet({ url, clientId, authMode }: Values): string {
  const lines = [`# Reads the client secret from $${SECRET_ENV_VAR}; never paste it here.`];
  const request = [`curl --fail-with-body -sS -X POST ${shellQuote(url)} \\`, `  -H 'Accept: application/json' \\`];
  switch (authMode) {
    case 'form':
      lines.push(
        ...request,
        `  --data-urlencode 'grant_type=client_credentials' \\`,
        `  --data-urlencode ${shellQuote(`client_id=${clientId}`)} \\`,
        `  --data-urlencode "client_secret=${SHELL_SECRET}"`,
      );
      break;
    case 'json': {
      // The secret is escaped for a JSON string at run time (backslash and double quote), then
      // spliced between the quoted parts of the body.
      const head = `{"grant_type":"client_credentials","client_id":${JSON.stringify(clientId)},"client_secret":"`;
      lines.push(
        `: "${SHELL_SECRET}"`,
        `secret=$(printf '%s' "$${SECRET_ENV_VAR}" | sed 's/[\\\\"]/\\\\&/g')`,
        ...request,
        `  -H 'Content-Type: application/json' \\`,
        `  --data ${shellQuote(head)}"$secret"'"}'`,
      );
      break;
    }
    case 'basic':
      lines.push(
        `# RFC 6749 §2.3.1: the ID and secret are form-encoded before Basic (this needs bash).`,
        `# ${BASIC_ENCODING_NOTE}`,
        `: "${SHELL_SECRET}"`,
        `form_encode() {`,
        `  local LC_ALL=C s=$1 out= c i`,
        `  for ((i = 0; i < \${#s}; i++)); do`,
        `    c=\${s:i:1}`,
        `    case $c in [A-Za-z0-9._~-]) out+=$c ;; *) printf -v c '%%%02X' "'$c"; out+=$c ;; esac`,
        `  done`,
        `  printf '%s' "$out"`,
        `}`,
        `secret=$(form_encode "$${SECRET_ENV_VAR}")`,
        ...request,
        `  -u ${shellQuote(`${formEncode(clientId)}:`)}"$secret" \\`,
        `  --data-urlencode 'grant_type=client_credentials'`,
      );
      break;
  }
  return lines.join('\n');
}

function nodeSnippet({ url, clientId, authMode }: Values): string {
  const header = [
    `// Node 18+, as an ES module (save as token.mjs). Reads the client secret from the environment.`,
    `const clientSecret = process.env.${SECRET_ENV_VAR};`,
    `if (!clientSecret) throw new Error('Set ${SECRET_ENV_VAR} to the client secret.');`,
    `const clientId = ${stringLiteral(clientId)};`,
    '',
  ];
  let request: string[];
  switch (authMode) {
    case 'form':
      request = [
        `  headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },`,
        `  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),`,
      ];
      break;
    case 'json':
      request = [
        `  headers: { Accept: 'application/json', 'Content-Type': 'application/json' },`,
        `  body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),`,
      ];
      break;
    case 'basic':
      header.push(
        `// RFC 6749 §2.3.1: each part is form-encoded before it is joined and base64-encoded.`,
        `// ${BASIC_ENCODING_NOTE}`,
        `const formEncode = (value) => encodeURIComponent(value).replace(/%20/g, '+');`,
        `const basic = Buffer.from(\`\${formEncode(clientId)}:\${formEncode(clientSecret)}\`).toString('base64');`,
        '',
      );
      request = [
        `  headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', Authorization: \`Basic \${basic}\` },`,
        `  body: new URLSearchParams({ grant_type: 'client_credentials' }),`,
      ];
      break;
  }
  return [
    ...header,
    `const response = await fetch(${stringLiteral(url)}, {`,
    `  method: 'POST',`,
    ...request,
    `  redirect: 'error', // never let a redirect carry the credentials elsewhere`,
    `  signal: AbortSignal.timeout(15_000),`,
    `});`,
    `const body = await response.json();`,
    `if (!response.ok) throw new Error(\`Token request failed (\${response.status}): \${body.error ?? ''} \${body.error_description ?? ''}\`);`,
    `console.log(\`Got a \${body.token_type} token; it expires in \${body.expires_in} s.\`);`,
  ].join('\n');
}

function pythonSnippet({ url, clientId, authMode }: Values): string {
  let call: string[];
  switch (authMode) {
    case 'form':
      call = [`    data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},`];
      break;
    case 'json':
      call = [`    json={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},`];
      break;
    case 'basic':
      call = [
        `    data={"grant_type": "client_credentials"},`,
        `    # RFC 6749 §2.3.1: each part is form-encoded before Basic authentication.`,
        `    # ${BASIC_ENCODING_NOTE}`,
        `    auth=(quote_plus(client_id), quote_plus(client_secret)),`,
      ];
      break;
  }
  return [
    `# Reads the client secret from the environment; never paste it here.`,
    `import os`,
    ...(authMode === 'basic' ? [`from urllib.parse import quote_plus`] : []),
    '',
    `import requests`,
    '',
    `client_secret = os.environ["${SECRET_ENV_VAR}"]`,
    `client_id = ${stringLiteral(clientId)}`,
    '',
    `response = requests.post(`,
    `    ${stringLiteral(url)},`,
    ...call,
    `    headers={"Accept": "application/json"},`,
    `    timeout=15,`,
    `    allow_redirects=False,  # never let a redirect carry the credentials elsewhere`,
    `)`,
    `response.raise_for_status()`,
    `token = response.json()`,
    `print(f"Got a {token.get('token_type')} token; it expires in {token.get('expires_in')} s.")`,
  ].join('\n');
}
