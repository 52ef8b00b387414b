import { DEMO_CLIENT } from '../../fixtures/sandbox';
import { MIN_CANARY_LENGTH, rememberCanary, rememberedCanaries, type Canary } from '../../e2e/helpers/leakCanaries';
import { listFiles, type ScannedFile } from '../../e2e/helpers/secretScan';
import { e2eSession } from '../../e2e/session';
import { bearerTokenOf } from './savedRequests';

/**
 * Every secret and token the run knows of so far: those any suite remembered, every bearer token
 * the extension sent to the session's shared sandbox (other suites' GraphQL requests), and the
 * sandbox client's secret they all use.
 */
export function runSecrets(): Canary[] {
  rememberCanary(DEMO_CLIENT.clientSecret, 'the sandbox client secret');
  for (const request of e2eSession().sandbox.requests) {
    const token = bearerTokenOf(request.authorization);
    if (token && token.length >= MIN_CANARY_LENGTH) rememberCanary(token, `a bearer token sent to the sandbox (${request.method} ${request.path})`);
  }
  return rememberedCanaries();
}

/** What the session wrote on the server's side: code-server's user-data folder (logs included) and the workspace. */
export function sessionFiles(): ScannedFile[] {
  const { codeServer, workspace } = e2eSession();
  return listFiles([codeServer.userDataDir, workspace]);
}
