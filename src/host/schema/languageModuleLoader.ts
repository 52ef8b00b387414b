import * as path from 'node:path';
import type { LanguageModule } from '../../language/languageModule';
import type { Log } from '../log';

/**
 * Loads `dist/language.js` (graphql and graphql-language-service, built as a bundle of their own)
 * the first time schema-aware editing or Fetch Schema needs it, never at activation: the main
 * bundle stays small and activate() stays fast.
 */
export class LanguageModuleLoader {
  private module: LanguageModule | undefined;

  constructor(
    private readonly extensionPath: string,
    private readonly log: Log,
  ) {}

  get(): LanguageModule {
    if (!this.module) {
      const started = performance.now();
      // A runtime require of a file beside this bundle; esbuild must not (and cannot) inline it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module = (require(path.join(this.extensionPath, 'dist', 'language.js')) as { languageModule: LanguageModule }).languageModule;
      this.log.info(`GraphQL language features loaded (${Math.round(performance.now() - started)} ms).`);
    }
    return this.module;
  }
}
