import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { hostRunner } from './extensions';

/**
 * Checks that span a window reload: `before` runs in one window, as the last thing before the
 * reload, and returns what `after` needs; `after` runs as a test in the next window. index.ts runs
 * them (in code-server only, where the suite's process can follow the window across the reload).
 */
export interface AcrossReloadCheck {
  readonly title: string;
  before(): Promise<unknown>;
  after(saved: unknown): Promise<void>;
}

const KEY = 'pipefyIntegration.writtenJustBeforeReload';

export const ACROSS_RELOAD_CHECKS: readonly AcrossReloadCheck[] = [
  {
    // code-server keeps SecretStorage and global state in the browser, which saves them after the
    // extension host's write has resolved. This is the bench's case, and a user's who adds an
    // account and reloads at once: the awaited writes must be there in the next window.
    title: 'a secret and a global state value, written and awaited just before Reload Window, are both in the next window',
    async before() {
      const runner = await hostRunner();
      const value = `written ${new Date().toISOString()} ${crypto.randomUUID()}`;
      await runner.secrets.store(KEY, value);
      await runner.globalState.update(KEY, value);
      return value;
    },
    async after(saved) {
      const runner = await hostRunner();
      const secret = await runner.secrets.get(KEY);
      const state = runner.globalState.get<string>(KEY);
      await runner.secrets.delete(KEY);
      await runner.globalState.update(KEY, undefined);
      assert.deepEqual({ secret, state }, { secret: saved, state: saved }, 'what the previous window wrote just before it reloaded');
    },
  },
];
