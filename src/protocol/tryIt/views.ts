/**
 * The data the Try It panel shows, as plain JSON-safe shapes that cross the webview boundary.
 * None of them can hold a saved client secret: an account only says whether it has one.
 */
import type { ClientAuthMode } from '../../core/accounts/account';

export type { ClientAuthMode };
export type { CodeSnippet, SnippetLanguage } from '../../core/oauth/snippets';

/** A saved account as the panel may see it (never the secret, only whether it is set: a saved secret never goes back to the webview). */
export interface AccountSummary {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly authMode: ClientAuthMode;
  readonly hasSecret: boolean;
  readonly active: boolean;
}

/** The token request as it was (or would be) sent, with the secret redacted. */
export interface RequestView {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ResponseView {
  readonly status: number;
  readonly durationMs: number;
  readonly sizeBytes: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

/** Absolute epoch-ms times: the panel counts down from these, never by decrementing. */
export interface TokenTimesView {
  readonly obtainedAt: number;
  readonly expiresAt?: number;
  readonly tokenType?: string;
}

export interface FieldProblemView {
  readonly field: string;
  readonly message: string;
}

/** What went wrong and what to do about it; `code` is stable (TokenErrorCode or a panel code). */
export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly status?: number;
  readonly fieldProblems?: readonly FieldProblemView[];
}

/** Whose token a result is: a saved account follows the shared cache; an ad hoc one stands alone. */
export type ResultSource = { readonly kind: 'account'; readonly accountId: string; readonly label: string } | { readonly kind: 'adhoc' };

interface ResultBase {
  readonly source: ResultSource;
  readonly request?: RequestView;
  readonly response?: ResponseView;
  /** Epoch ms at which the outcome was known. */
  readonly finishedAt: number;
}

export type ResultView =
  | (ResultBase & { readonly ok: true; readonly request: RequestView; readonly token: TokenTimesView })
  | (ResultBase & { readonly ok: false; readonly error: ErrorView });

/** What the host can copy to the clipboard for the panel; the text itself never comes from the webview. */
export const COPY_TARGETS = ['responseBody', 'curl', 'node', 'python'] as const;
export type CopyTarget = (typeof COPY_TARGETS)[number];
