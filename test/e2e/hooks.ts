import type { Context, RootHookObject } from 'mocha';
import { saveFailureArtifacts } from './failureArtifacts';
import { closePagesOfCurrentTest, pagesOfCurrentTest, runningCodeServer, startSession, stopSession } from './session';

/** Mocha root hooks (loaded through .mocharc.json `require`): one session for the whole run. */
export const mochaHooks: RootHookObject = {
  async beforeAll(this: Context) {
    // A cold machine installs code-server first (a few minutes, once).
    this.timeout(15 * 60_000);
    const { codeServer } = await startSession();
    console.log(`  code-server: ${codeServer.url}`);
  },
  async afterEach(this: Context) {
    const test = this.currentTest;
    if (test?.state === 'failed') {
      const written = await saveFailureArtifacts(test.fullTitle(), pagesOfCurrentTest(), runningCodeServer());
      console.log(`\n  Failure artifacts for "${test.fullTitle()}":\n${written.map((file) => `    ${file}`).join('\n')}\n`);
    }
    await closePagesOfCurrentTest();
  },
  async afterAll() {
    await stopSession();
  },
};
