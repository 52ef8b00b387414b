/** What the status bar and the panel need to know about one account's token. */
export interface TokenActivity {
  readonly accountId: string;
  readonly fetching: boolean;
  readonly lastError?: { readonly code?: string; readonly message: string; readonly hint?: string; readonly at: number };
}
