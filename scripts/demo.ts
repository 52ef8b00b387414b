import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer/host';
import { installCodeServer } from './codeServer/install';
import { runQuietly } from './codeServer/exec';
import { productVsix, repoRoot, vscodeTestDir } from './codeServer/paths';
import { demoSetupVsix } from './demoSetup/build';
import { createSampleWorkspace } from './codeServer/workspace';
import type { StartupCommand } from '../test/host-runner/src/startupCommands';
import { ADMIN_CLIENT, DEMO_CLIENT, startSandbox, type Sandbox } from '../test/fixtures/sandbox';

/** Fixed so the README can name it. */
const SANDBOX_PORT = 4010;
/** code-server's usual port; another free one is used when it is taken. */
const PREFERRED_EDITOR_PORT = 8080;
const demoDir = path.join(vscodeTestDir, 'demo');

/**
 * The commands that make the sandbox accounts ready. They run inside the extension host (through
 * the demo's setup extension) when a browser first opens the workbench, because code-server keeps
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
 * packages the extension (one build) and the demo's small setup extension, starts the sandbox and
 * code-server with both, and prints what to open and what to click. Build output is shown only
 * when a build fails. Ctrl+C stops everything.
 */
async function main(): Promise<void> {
  await installCodeServer();
  console.log('Building the extension and starting the demo…');
  await runQuietly('npm', ['run', '--silent', 'package'], { cwd: repoRoot });
  await runQuietly('npx', ['tsx', path.join('scripts', 'demoSetup', 'build.ts')], { cwd: repoRoot });

  const sandbox = await startSandbox({ port: SANDBOX_PORT }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${SANDBOX_PORT} is taken; is another demo running?`) : error;
  });
  const workspace = createSampleWorkspace(path.join(vscodeTestDir, 'demo-workspace'));
  const codeServer = await startCodeServer({
    extensions: [productVsix, demoSetupVsix],
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

  const url = `http://127.0.0.1:${codeServer.port}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`
  Pipefy Service Account Playground: the demo is running.

    Open  ${url}
          Trust the folder when asked; the "Sandbox" and "Sandbox admin" accounts are added as
          the window opens. "Sandbox" is a member of pipes 1, 3 and 4 (3 holds 10,000 cards for
          Run All Pages, 4 holds 100,000); pipe 2 answers PERMISSION_DENIED until "Sandbox admin"
          invites it.

    1. Open me.graphql in the Explorer and click "▶ Run with Pipefy (Sandbox)" above the query:
       the response opens beside it.
    2. Then run "Pipefy: Open Try It" (Ctrl+Shift+P) and press Send.

    The sandbox's credentials (the "Sandbox" account already has them):
      Token endpoint  ${sandbox.tokenEndpoint}
      GraphQL         ${sandbox.graphqlEndpoint}
      Client ID       ${DEMO_CLIENT.clientId}
      Client secret   ${DEMO_CLIENT.clientSecret}

  Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
