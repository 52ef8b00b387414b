/**
 * Redaction for anything that may reach a log, an error message or the webview. Known secrets are
 * replaced wherever they appear; well-known credential shapes are replaced even when unknown.
 */
export const REDACTED = '«redacted»';

const CREDENTIAL_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // The credential after the scheme, but not a challenge's parameters (`Bearer realm="api",
  // error="invalid_token"` in WWW-Authenticate) nor prose ("a Bearer token"), which would be
  // garbled for nothing: no token is a lone "token", nor a parameter name followed by "=".
  [/\b(Bearer|Basic)\s+(?!tokens?(?![A-Za-z0-9\-._~+/=]))(?!(?:realm|scope|error|error_description|error_uri|charset)\s*=)[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  [/("(?:access_token|client_secret|refresh_token|id_token|token)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi, `$1${REDACTED}$2`],
  [/\b((?:access_token|client_secret|refresh_token|id_token)=)[^&\s"]*/gi, `$1${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

/** Shorter strings are not treated as secrets: replacing "a" everywhere would garble every log. */
const MIN_SECRET_LENGTH = 4;

/** A secret as it appears in what is sent: raw, URL-encoded, form-encoded (space as +) and JSON-escaped. */
export function encodedForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of sorted) result = result.split(secret).join(REDACTED);
  return result;
}

export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = redactSecrets(text, secrets);
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Collects the secrets seen at run time, so that every log line can be scrubbed of them. */
export class Redactor {
  private readonly secrets = new Set<string>();

  remember(...secrets: Array<string | undefined>): void {
    for (const secret of secrets) {
      if (secret && secret.length >= MIN_SECRET_LENGTH) {
        for (const form of encodedForms(secret)) this.secrets.add(form);
      }
    }
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }
}
