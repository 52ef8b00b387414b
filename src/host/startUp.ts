import type * as vscode from 'vscode';

/**
 * A feature as activation sees it: what VS Code must know at once (its commands, which it may run
 * as soon as activate() returns), and what can start right after (providers, views, listeners).
 */
export interface FeatureRegistration {
  readonly now: vscode.Disposable[];
  readonly afterActivation: () => vscode.Disposable[];
}

/** Made on the first call, then the same one. */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
