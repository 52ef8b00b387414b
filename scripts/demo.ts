import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer/host';
import { installCodeServer } from './codeServer/install';
import { run } from './codeServer/exec';
import { productVsix, repoRoot, vscodeTestDir } from './codeServer/paths';
import { createSampleWorkspace } from './codeServer/workspace';
import { buildHostRunner } from '../test/host-runner/build';
import type { StartupCommand } from '../test/host-runner/src/startupCommands';
import { ADMIN_CLIENT, DEMO_CLIENT, startSandbox, type Sandbox } from '../test/fixtures/sandbox';

/** Fixed so the README can name it. */
const SANDBOX_PORT = 4010;
/** code-server's usual port; another free one is used when it is taken. */
const PREFERRED_EDITOR_PORT = 8080;
const demoDir = path.join(vscodeTestDir, 'demo');

/**
 * The commands that make the sandbox accounts ready. They run inside the extension host (through
 * the test host runner) when a browser first opens the workbench, because code-server keeps
 * SecretStorage in the browser: the client secret must be stored from the user's own window.
 */
function seedSandboxAccount(sandbox: Sandbox): StartupCommand[] {
  return [{
    command: 'pipefy.addAccount',
    args: [{
      label: 'Sandbox',
      description: 'The local Pipefy sandbox started by npm run demo',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      authMode: 'form',
    }],
  }, {
    // An organization admin, not active: it runs the inviteMembers request the product writes when
    // the Sandbox account meets PERMISSION_DENIED on pipe 2.
    command: 'pipefy.addAccount',
    args: [{
      label: 'Sandbox admin',
      description: 'An organization admin of the sandbox: adds members to pipes',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      clientId: ADMIN_CLIENT.clientId,
      clientSecret: ADMIN_CLIENT.clientSecret,
      authMode: 'form',
      activate: false,
    }],
  }];
}

function writeStartupCommands(commands: StartupCommand[]): string {
  const file = path.join(demoDir, 'startup-commands.json');
  fs.mkdirSync(demoDir, { recursive: true });
  fs.rmSync(`${file}.result.json`, { force: true });
  fs.writeFileSync(file, JSON.stringify(commands, null, 2));
  return file;
}

/**
 * `npm run demo`: everything a reviewer needs from a fresh clone. Installs code-server once,
 * packages the extension, starts the sandbox and code-server with the extension and a sandbox
 * account, and prints the URL. Ctrl+C stops both.
 */
async function main(): Promise<void> {
  await installCodeServer();
  await run('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const hostRunnerVsix = await buildHostRunner();

  const sandbox = await startSandbox({ port: SANDBOX_PORT }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${SANDBOX_PORT} is taken; is another demo running?`) : error;
  });
  const workspace = createSampleWorkspace(path.join(vscodeTestDir, 'demo-workspace'));
  const codeServer = await startCodeServer({
    extensions: [productVsix, hostRunnerVsix],
    workspace,
    port: PREFERRED_EDITOR_PORT,
    dataDir: demoDir,
    env: { PIPEFY_HOST_COMMANDS: writeStartupCommands(seedSandboxAccount(sandbox)) },
  }).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server and the sandbox…');
    await codeServer.stop();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log(`
  Pipefy Service Account Playground demo

    Open:            http://127.0.0.1:${codeServer.port}/?folder=${encodeURIComponent(workspace)}
    (trust the folder when asked; the "Sandbox" and "Sandbox admin" accounts are added when the window opens)

    Sandbox:         ${sandbox.url}
    Token endpoint:  ${sandbox.tokenEndpoint}
    GraphQL:         ${sandbox.graphqlEndpoint}
    Client ID:       ${DEMO_CLIENT.clientId}
    Client secret:   ${DEMO_CLIENT.clientSecret}
    Member of pipe 1 only; pipe 2 answers PERMISSION_DENIED until "Sandbox admin"
    (${ADMIN_CLIENT.clientId} / ${ADMIN_CLIENT.clientSecret}) invites it with inviteMembers.

    Logs:            ${codeServer.serverLog}
                     ${codeServer.logsDir}

  Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
