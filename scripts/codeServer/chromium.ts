import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: playwright-core must not download a browser of its own here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags that work in a container without a GPU, a sandbox or network. */
const CONTAINER_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const headless = process.env.HEADED === undefined;

function assertChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}; install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
}

/** Headless Chromium with a throwaway profile per context (playwright's own launch). */
export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath, headless, args: CONTAINER_FLAGS });
}

/**
 * A Chromium that keeps its profile in `profileDir` on disk, as a user's browser does, and that
 * the caller can quit as a user would or kill outright. playwright's launchPersistentContext
 * hides the browser's process, so this one is started here and driven over the DevTools protocol.
 */
export interface ProfileBrowser {
  readonly profileDir: string;
  readonly browser: Browser;
  /** The profile's own context: its pages, storage and session files are the profile's. */
  readonly context: BrowserContext;
  /** Quits the browser the normal way (it writes its session and closes its files) and waits until every process is gone. */
  close(): Promise<void>;
  /** SIGKILL to every process of the browser at once, as a crash or a power cut would; waits until they are gone. */
  kill(): Promise<void>;
}

export async function launchChromiumWithProfile(profileDir: string): Promise<ProfileBrowser> {
  assertChromium();
  fs.mkdirSync(profileDir, { recursive: true });
  const args = [...(headless ? ['--headless'] : []), ...CONTAINER_FLAGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'];
  // A process group of its own, so kill() reaches the renderers and utility processes too.
  const child = spawn(chromiumPath, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let browser: Browser;
  try {
    browser = await chromium.connectOverCDP(await devToolsEndpoint(child));
  } catch (error) {
    signalGroup(child, 'SIGKILL');
    throw error;
  }
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium started without its default context.');
  let finished = false;
  const gone = async () => {
    await exited;
    await waitForGroupToExit(child);
    // From here on the process group id may be reused by someone else's processes: never signal it again.
    finished = true;
  };
  return {
    profileDir,
    browser,
    context,
    async close() {
      if (finished) return;
      if (child.exitCode !== null || child.signalCode !== null) return gone();
      const session = await browser.newBrowserCDPSession();
      // The browser answers, or drops the connection as it goes; either way it is quitting.
      await session.send('Browser.close').catch(() => undefined);
      await gone();
    },
    async kill() {
      if (finished) return;
      signalGroup(child, 'SIGKILL');
      await gone();
    },
  };
}

/** Chromium prints `DevTools listening on ws://…` to stderr once it accepts connections. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools endpoint within 60 s:\n${seen.slice(-2000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      // Keep draining stderr so a chatty browser never blocks on a full pipe.
      child.stderr?.off('data', onData);
      child.stderr?.resume();
      resolve(match[1]);
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${signal ?? code}) before opening its DevTools endpoint:\n${seen.slice(-2000)}`));
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Helpers (zygote, renderers, the storage service) may outlive the main process by a moment. */
async function waitForGroupToExit(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      throw new Error(`Chromium's processes (group ${child.pid}) were still running 30 s after the browser exited.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
