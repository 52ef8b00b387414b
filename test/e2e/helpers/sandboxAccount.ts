import { DEMO_CLIENT, type Sandbox, type SandboxClient } from '../../fixtures/sandbox';
import { e2eSession } from '../session';
import type { PaletteAccount } from './accounts';
import { rememberCanary } from './leakCanaries';

/** An account for the run's sandbox with its demo client, as a user would type it. */
export function sandboxAccount(label: string, overrides: Partial<PaletteAccount> = {}): PaletteAccount {
  const { sandbox } = e2eSession();
  rememberCanary(DEMO_CLIENT.clientSecret, 'the sandbox client secret');
  return {
    label,
    tokenEndpoint: sandbox.tokenEndpoint,
    graphqlEndpoint: sandbox.graphqlEndpoint,
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    authMode: 'form',
    ...overrides,
  };
}

/**
 * The token `sandbox` is handing `client` right now: while a token is valid the sandbox (like
 * Pipefy) answers every request with that same token, so this is the one the extension holds after
 * a Get Token or Refresh. Costs one token POST. Default: the run's sandbox and its demo client.
 */
export async function currentSandboxToken(sandbox: Sandbox = e2eSession().sandbox, client: SandboxClient = DEMO_CLIENT): Promise<string> {
  const response = await fetch(sandbox.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`The sandbox gave no token (${response.status}).`);
  return body.access_token;
}

/** currentSandboxToken, remembered for the secret-leak check that ends the security run. */
export async function rememberCurrentSandboxToken(origin: string, sandbox?: Sandbox, client?: SandboxClient): Promise<string> {
  const token = await currentSandboxToken(sandbox, client);
  rememberCanary(token, origin);
  return token;
}
