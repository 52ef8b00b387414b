import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDebianPackages } from './debianPackages';
import { run } from './exec';
import { CODE_SERVER_VERSION, codeServerCacheDir, codeServerEntry, codeServerPackageDir, codeServerStamp } from './paths';

/** The native modules VS Code's server loads; --ignore-scripts skipped building them. */
const VSCODE_NATIVE_MODULES = ['node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid', 'kerberos'];

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * npm's environment for the install. node-gyp would download Node's headers unless it is pointed
 * at a local copy, and these machines may only reach the npm registry.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  const nodePrefix = path.dirname(path.dirname(process.execPath));
  if (!env.npm_config_nodedir && fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodePrefix;
  }
  return env;
}

/**
 * Installs code-server once into .vscode-test/code-server. Its own postinstall cannot work here
 * (it downloads ripgrep from GitHub and refuses to run as root), so the steps that matter are done
 * by hand below: VS Code's modules installed without scripts, the system's ripgrep linked in, the
 * native modules rebuilt. A stamp file makes repeat runs instant.
 */
export async function installCodeServer(): Promise<void> {
  if (fs.existsSync(codeServerStamp) && fs.existsSync(codeServerEntry)) return;
  const started = Date.now();
  console.log(`[host] Installing code-server ${CODE_SERVER_VERSION} into ${codeServerCacheDir} (about 3 minutes, once)`);
  await ensureDebianPackages();

  const env = npmEnv();
  const npm = (cwd: string, ...args: string[]) => run('npm', args, { cwd, env });

  fs.mkdirSync(codeServerCacheDir, { recursive: true });
  // Without a package.json of its own, npm would walk up and install into the project.
  const cachePackageJson = path.join(codeServerCacheDir, 'package.json');
  if (!fs.existsSync(cachePackageJson)) {
    fs.writeFileSync(cachePackageJson, JSON.stringify({ name: 'code-server-cache', private: true }, null, 2) + '\n');
  }
  await npm(codeServerCacheDir, 'install', '--ignore-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`);

  const vscodeDir = path.join(codeServerPackageDir, 'lib', 'vscode');
  await npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts');

  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (`rg`) is not on PATH; install it (Debian: apt-get install ripgrep).');
  const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  fs.mkdirSync(path.dirname(rgTarget), { recursive: true });
  fs.rmSync(rgTarget, { force: true });
  fs.symlinkSync(rg, rgTarget);

  await npm(vscodeDir, 'rebuild', ...VSCODE_NATIVE_MODULES);
  // code-server loads VS Code's modules from node_modules.asar, which only the release build creates.
  const asar = path.join(vscodeDir, 'node_modules.asar');
  if (!fs.existsSync(asar)) fs.symlinkSync('node_modules', asar);

  await npm(path.join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts');
  // code-server refuses to start without its password-hashing module, even with --auth none.
  await npm(codeServerCacheDir, 'rebuild', 'argon2');

  fs.writeFileSync(codeServerStamp, `${new Date().toISOString()}\n`);
  console.log(`[host] code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (require.main === module) {
  installCodeServer().catch((error: unknown) => {
    console.error(`[host] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
