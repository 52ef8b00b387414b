import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from './exec';
import { freePort } from './freePort';
import { codeServerEntry, vscodeTestDir } from './paths';

export interface CodeServerOptions {
  /** `.vsix` files installed into the fresh extensions folder before the server starts. */
  extensions: readonly string[];
  /** Folder the workbench opens. */
  workspace: string;
  /** User settings (settings.json) for this run, merged over quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server; the extension host inherits it. */
  env?: Record<string, string>;
  /** Port to try first; a free one is used when it is taken or not given. */
  port?: number;
  /** Keep state here across runs (the demo); otherwise a fresh folder is made and removed on stop. */
  dataDir?: string;
  /** Forward the server's output to this process's (the demo); otherwise it goes to a log file only. */
  inheritOutput?: boolean;
  /** Run the server under this command, e.g. `unshare` for a private mount namespace (the network tests). */
  commandPrefix?: readonly string[];
}

export interface CodeServer {
  /** Opens the workspace folder. */
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** VS Code's log folder; the extension host's logs are under `<date>/exthost*`. */
  logsDir: string;
  /** code-server's own stdout and stderr. */
  serverLog: string;
  stop(): Promise<void>;
}

/** Settings that keep a test run quiet and offline; callers override any of them. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  // Test and demo workspaces live inside this repository; do not offer to open it.
  'git.openRepositoryInParentFolders': 'never',
};

function makeDataDir(given: string | undefined): string {
  if (given) return (fs.mkdirSync(given, { recursive: true }), given);
  const runs = path.join(vscodeTestDir, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  return fs.mkdtempSync(path.join(runs, 'code-server-'));
}

async function waitUntilHealthy(port: number, child: ChildProcess, serverLog: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = fs.existsSync(serverLog) ? fs.readFileSync(serverLog, 'utf8').slice(-3000) : '';
  throw new Error(`code-server did not become healthy on port ${port} (see ${serverLog}):\n${tail}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The server forks helpers (extension host, pty host); they share the group we created.
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts code-server on a loopback port with its own user-data and extensions folders, after
 * installing the given `.vsix` files (a running server would not pick up later installs).
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error('code-server is not installed; run `npm run setup:code-server` first.');
  }
  const dataDir = makeDataDir(options.dataDir);
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const serverLog = path.join(dataDir, 'code-server.log');
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));

  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.extensions.length > 0) {
    const installs = options.extensions.flatMap((vsix) => ['--install-extension', vsix]);
    await run(process.execPath, [codeServerEntry, ...dirs, '--force', ...installs], { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  const port = await freePort(options.port);
  const log = fs.openSync(serverLog, 'w');
  const [command, ...prefixArgs] = options.commandPrefix ?? [process.execPath];
  const child = spawn(
    command,
    [
      ...prefixArgs,
      ...(options.commandPrefix ? [process.execPath] : []),
      codeServerEntry, ...dirs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      options.workspace,
    ],
    {
      detached: true,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.inheritOutput ? 'inherit' : log, options.inheritOutput ? 'inherit' : log],
    },
  );
  fs.closeSync(log);
  // The server runs in a process group of its own, so Ctrl+C in a terminal does not reach it: if
  // this process ends without calling stop(), take the server down with it.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  const killOnSignal = (signal: NodeJS.Signals) => {
    // Another listener (the demo) stops everything itself; alone, we must exit as Node would.
    if (process.listenerCount(signal) > 1) return;
    killOnExit();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('exit', killOnExit);
  process.on('SIGINT', killOnSignal);
  process.on('SIGTERM', killOnSignal);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    process.removeListener('SIGINT', killOnSignal);
    process.removeListener('SIGTERM', killOnSignal);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(port, child, serverLog);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`,
    port,
    userDataDir,
    extensionsDir,
    logsDir: path.join(userDataDir, 'logs'),
    serverLog,
    stop,
  };
}
