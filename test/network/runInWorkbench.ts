import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../../scripts/codeServer/chromium';
import { startCodeServer } from '../../scripts/codeServer/host';
import { installCodeServer } from '../../scripts/codeServer/install';
import { productVsix, repoRoot, vscodeTestDir } from '../../scripts/codeServer/paths';
import { createSampleWorkspace } from '../../scripts/codeServer/workspace';
import { describeLeaks, listFiles, scanFiles } from '../e2e/helpers/secretScan';
import { startSquid, type RunningSquid } from '../fixtures/proxies/squid';
import { DEMO_CLIENT, startSandbox, type Sandbox } from '../fixtures/sandbox';
import { testPki } from '../fixtures/tls/testCertificates';
import { buildHostRunner, hostRunnerVsix } from '../host-runner/build';
import { bundleForExtensionHost } from '../integration/build';
import { formatResults, type SuiteLoadError, type SuiteResults } from '../integration/results';
import { SCENARIO_ENV, type NetworkScenario } from './scenario';

/**
 * The real network path, proven in the workbench: code-server's extension host (with VS Code's own
 * proxy support) sends to https://app.pipefy.com and https://api.pipefy.com, exactly as a user's
 * account says, through Debian's Squid, which resolves those two names to the sandbox served over
 * TLS on 127.0.0.2:443 with a certificate from a CA made for this run. Nothing leaves the machine
 * and nothing edits its hosts file or CA store. One code-server per scenario, because the
 * environment (HTTPS_PROXY, NODE_EXTRA_CA_CERTS) is fixed when a process starts.
 */
const SANDBOX_ADDRESS = '127.0.0.2';
const outDir = path.join(repoRoot, 'out', 'network');
const workspace = path.join(vscodeTestDir, 'network-workspace');
const RESULTS_TIMEOUT_MS = 5 * 60_000;
const NEUTRAL_ENV = Object.fromEntries(
  ['NODE_EXTRA_CA_CERTS', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'].map((name) => [name, '']),
);

interface Setup {
  readonly scenario: NetworkScenario;
  readonly env?: Record<string, string>;
  readonly settings?: Record<string, unknown>;
  /** What Show Logs must say about the requests (route and CA store). */
  readonly logShows?: RegExp;
  /** Nothing may reach the sandbox's token endpoint (a refusal before the secret is sent). */
  readonly sendsNothing?: boolean;
  /** The company CA is in the OS store: code-server sees a CA bundle that holds it (osStore()). */
  readonly caInOsStore?: boolean;
}

const OS_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * The OS store with the company CA added, for one code-server only: a private mount namespace in
 * which a copy of the system's bundle plus the CA is bind-mounted over the bundle, so the machine's
 * own store is never edited. Needs root, as the whole network run does.
 */
function osStore(caPem: string): readonly string[] {
  const bundle = path.join(outDir, 'os-bundle-with-company-ca.crt');
  fs.writeFileSync(bundle, `${fs.readFileSync(OS_BUNDLE, 'utf8')}\n${caPem}\n`);
  return ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', `mount --bind "$0" ${OS_BUNDLE} && exec "$@"`, bundle];
}

function scenarios(squid: RunningSquid, caFile: string): Setup[] {
  const proxy = (url: string) => new URL(url).host.replace(/\./g, '\\.');
  const withCredentials = new URL(squid.authUrl);
  withCredentials.username = squid.credentials.user;
  withCredentials.password = squid.credentials.password;
  return [
    {
      scenario: { name: 'http.proxy, and the company CA in NODE_EXTRA_CA_CERTS with http.systemCertificates on (the default)' },
      env: { NODE_EXTRA_CA_CERTS: caFile },
      settings: { 'http.proxy': squid.openUrl },
      logShows: new RegExp(`POST https://app\\.pipefy\\.com/oauth/token: 200 in \\d+ ms, through the proxy ${proxy(squid.openUrl)}; CAs: Node's bundled CAs, NODE_EXTRA_CA_CERTS \\(1 certificate\\) and the OS store`),
    },
    {
      scenario: { name: 'the company CA in the OS store, http.systemCertificates on (the default)' },
      settings: { 'http.proxy': squid.openUrl },
      caInOsStore: true,
      logShows: new RegExp(`POST https://api\\.pipefy\\.com/graphql: 200 in \\d+ ms, through the proxy ${proxy(squid.openUrl)}; CAs: Node's bundled CAs and the OS store \\(VS Code's default\\)\\.`),
    },
    {
      scenario: { name: 'the company CA in the OS store, http.systemCertificates off and Node told to use OpenSSL\'s store' },
      env: { NODE_OPTIONS: '--use-openssl-ca' },
      settings: { 'http.proxy': squid.openUrl, 'http.systemCertificates': false },
      caInOsStore: true,
      logShows: /POST https:\/\/app\.pipefy\.com\/oauth\/token: 200 in \d+ ms, through the proxy .*; CAs: OpenSSL's CA store \(--use-openssl-ca\) \(http\.systemCertificates is off\)\./,
    },
    {
      scenario: { name: 'HTTPS_PROXY in the environment only, NODE_EXTRA_CA_CERTS with http.systemCertificates off' },
      env: { HTTPS_PROXY: squid.openUrl, NODE_EXTRA_CA_CERTS: caFile },
      settings: { 'http.systemCertificates': false },
      logShows: new RegExp(`POST https://api\\.pipefy\\.com/graphql: 200 in \\d+ ms, through the proxy ${proxy(squid.openUrl)}; CAs: Node's bundled CAs and NODE_EXTRA_CA_CERTS \\(1 certificate\\)\\.`),
    },
    {
      scenario: { name: 'a proxy with Basic authentication, its credentials in http.proxy; the CA in pipefy.caCertificatesFile' },
      settings: { 'http.proxy': withCredentials.href, 'pipefy.caCertificatesFile': caFile },
      logShows: new RegExp(`through the proxy ${proxy(squid.authUrl)}; CAs: Node's bundled CAs, pipefy\\.caCertificatesFile \\(1 certificate\\) and the OS store`),
    },
    {
      scenario: {
        name: 'a proxy with Basic authentication and no credentials',
        tokenRefusal: `^The proxy ${proxy(squid.authUrl)} asks for a user name and password \\(407 .*app\\.pipefy\\.com never saw the request\\..*http\\.proxy setting`,
      },
      settings: { 'http.proxy': squid.authUrl, 'pipefy.caCertificatesFile': caFile },
      sendsNothing: true,
    },
    {
      scenario: {
        name: 'a proxy that refuses api.pipefy.com',
        runRefusal: `The proxy ${proxy(squid.refusingUrl)} refused to connect to api\\.pipefy\\.com \\(403 Forbidden\\)\\. This is the proxy's answer`,
      },
      settings: { 'http.proxy': squid.refusingUrl, 'pipefy.caCertificatesFile': caFile },
    },
    {
      scenario: {
        name: 'a TLS-inspecting proxy whose CA is not trusted',
        tokenRefusal: "^The secure connection to app\\.pipefy\\.com through the proxy .* failed \\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\): its certificate is not signed by a CA this editor trusts\\. Nothing was sent\\..*pipefy\\.caCertificatesFile",
      },
      settings: { 'http.proxy': squid.openUrl },
      sendsNothing: true,
      logShows: /POST https:\/\/app\.pipefy\.com\/oauth\/token failed \(tls UNABLE_TO_VERIFY_LEAF_SIGNATURE\), through the proxy/,
    },
    {
      scenario: { name: 'NO_PROXY beside HTTPS_PROXY lists Pipefy\'s hosts: the requests go direct', tokenRefusal: '^The host app\\.pipefy\\.com could not be found|^app\\.pipefy\\.com did not answer' },
      env: { HTTPS_PROXY: squid.openUrl, NO_PROXY: 'app.pipefy.com,api.pipefy.com' },
      settings: { 'pipefy.caCertificatesFile': caFile },
      sendsNothing: true,
      logShows: /POST https:\/\/app\.pipefy\.com\/oauth\/token failed \((dns|timeout)[^)]*\), direct;/,
    },
    {
      scenario: { name: 'http.noProxy lists Pipefy\'s hosts: the requests go direct', tokenRefusal: '^The host app\\.pipefy\\.com could not be found|^app\\.pipefy\\.com did not answer' },
      settings: { 'http.proxy': squid.openUrl, 'http.noProxy': ['app.pipefy.com', 'api.pipefy.com'], 'pipefy.caCertificatesFile': caFile },
      sendsNothing: true,
      logShows: /POST https:\/\/app\.pipefy\.com\/oauth\/token failed \((dns|timeout)[^)]*\), direct;/,
    },
  ];
}

async function build(): Promise<string> {
  fs.rmSync(outDir, { recursive: true, force: true });
  await bundleForExtensionHost([path.join(__dirname, 'inHost.ts')], outDir);
  await buildHostRunner();
  createSampleWorkspace(workspace);
  return path.join(outDir, 'inHost.js');
}

function productLog(logsDir: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('Pipefy.log')) found.push(fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(logsDir)) walk(logsDir);
  return found.join('\n');
}

async function runScenario(setup: Setup, entry: string, sandbox: Sandbox, secrets: readonly string[], caPem: string): Promise<SuiteResults> {
  const resultsFile = path.join(vscodeTestDir, 'runs', `network-results-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  sandbox.reset();
  const codeServer = await startCodeServer({
    extensions: [productVsix, hostRunnerVsix],
    workspace,
    settings: { 'security.workspace.trust.enabled': false, ...setup.settings },
    // This machine's own proxy and CA variables would change what each scenario proves.
    commandPrefix: setup.caInOsStore ? osStore(caPem) : undefined,
    env: { ...NEUTRAL_ENV, PIPEFY_HOST_TESTS: entry, PIPEFY_HOST_TEST_RESULTS: resultsFile, [SCENARIO_ENV]: JSON.stringify(setup.scenario), ...setup.env },
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await codeServer.stop();
    throw error;
  });
  try {
    await (await browser.newPage()).goto(codeServer.url, { timeout: 180_000 });
    const deadline = Date.now() + RESULTS_TIMEOUT_MS;
    while (!fs.existsSync(resultsFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const results = fs.existsSync(resultsFile)
      ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults | SuiteLoadError)
      : { error: `No results after ${RESULTS_TIMEOUT_MS / 1000} s (see ${codeServer.logsDir}).` };
    const inHost: SuiteResults = 'error' in results ? failed(setup.scenario.name, 'the in-host suite', results.error) : results;
    // The user's own settings.json holds the proxy URL the scenario gave, credentials included.
    const written = listFiles([codeServer.userDataDir, workspace]).filter((file) => file.file !== path.join(codeServer.userDataDir, 'User', 'settings.json'));
    const leaks = scanFiles(written, secrets.map((value, index) => ({ value, origin: index === 0 ? 'the client secret' : 'the proxy password' })));
    return checkOutside(setup, inHost, { log: productLog(codeServer.logsDir), leaks: leaks.length ? describeLeaks(leaks) : undefined }, sandbox, secrets);
  } finally {
    fs.rmSync(resultsFile, { force: true });
    await browser.close().catch(() => undefined);
    await codeServer.stop();
  }
}

/** What the outer process checks after the window closed: the log Show Logs shows, and what reached the sandbox. */
function checkOutside(setup: Setup, inHost: SuiteResults, seen: { log: string; leaks?: string }, sandbox: Sandbox, secrets: readonly string[]): SuiteResults {
  const { log } = seen;
  const checks: Array<[string, () => string | undefined]> = [
    ['Show Logs names each request\'s route and CA store', () => (!setup.logShows || setup.logShows.test(log) ? undefined : `The log does not match ${setup.logShows}:\n${log.slice(-3000)}`)],
    ['the log holds neither the client secret nor the proxy\'s password', () => secrets.filter((secret) => log.includes(secret)).map((s) => `found ${s.slice(0, 3)}…`).join(', ') || undefined],
    ['no file the window wrote holds the client secret or the proxy\'s password', () => seen.leaks],
    ['no token request reached the server', () => (!setup.sendsNothing || !sandbox.requests.some((r) => r.path === '/oauth/token') ? undefined : 'the sandbox received a token request')],
  ];
  const tests = [...inHost.tests];
  for (const [title, check] of checks) {
    const error = check();
    tests.push({ titlePath: [setup.scenario.name, title], state: error ? 'failed' : 'passed', error });
  }
  const count = (state: string) => tests.filter((test) => test.state === state).length;
  return { passes: count('passed'), failures: count('failed'), pending: count('pending'), tests };
}

function failed(suite: string, title: string, error: string): SuiteResults {
  return { passes: 0, failures: 1, pending: 0, tests: [{ titlePath: [suite, title], state: 'failed', error }] };
}

async function main(): Promise<boolean> {
  const entry = await build();
  await installCodeServer();
  fs.mkdirSync(path.join(vscodeTestDir, 'runs'), { recursive: true });
  const pki = testPki();
  const sandbox = await startSandbox({ host: SANDBOX_ADDRESS, port: 443, tls: { cert: pki.pipefy.certPem, key: pki.pipefy.keyPem } }).catch((error: unknown) => {
    throw new Error(`The TLS sandbox could not listen on ${SANDBOX_ADDRESS}:443, where Squid sends app.pipefy.com and api.pipefy.com (port 443 needs root): ${String(error)}`);
  });
  const squid = await startSquid({ hosts: { 'app.pipefy.com': SANDBOX_ADDRESS, 'api.pipefy.com': SANDBOX_ADDRESS }, refusedHost: 'api.pipefy.com' });
  console.log('\n  The real network path in the workbench: Pipefy\'s hostnames over TLS, through Debian\'s Squid');
  let all: SuiteResults = { passes: 0, failures: 0, pending: 0, tests: [] };
  try {
    for (const setup of scenarios(squid, pki.caFile)) {
      const results = await runScenario(setup, entry, sandbox, [DEMO_CLIENT.clientSecret, squid.credentials.password], pki.caPem);
      console.log(`  ${results.failures ? '✗' : '✔'} ${setup.scenario.name}`);
      all = { passes: all.passes + results.passes, failures: all.failures + results.failures, pending: all.pending + results.pending, tests: [...all.tests, ...results.tests] };
    }
  } finally {
    await squid.stop();
    await sandbox.close();
  }
  process.stdout.write(formatResults(all));
  return all.failures === 0 && all.passes > 0;
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
