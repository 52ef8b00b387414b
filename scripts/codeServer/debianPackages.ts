import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { run } from './exec';

/**
 * Debian packages the tests need: a compiler and headers to build code-server's native modules,
 * ripgrep (its npm package would download a binary from GitHub, which these machines cannot
 * reach), Chromium for the browser side, curl and Python's requests, which run the Try It
 * panel's code snippets against the sandbox, and for the network-path tests Squid (the proxy
 * companies run, started by test/fixtures/proxies/squid.ts), apache2-utils (htpasswd, for its
 * Basic-authenticated port) and openssl (the test CA and certificates, made at test time).
 * .ci/run installs the same list.
 */
export const HOST_PACKAGES = [
  'build-essential', 'python3', 'pkg-config',
  'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev',
  'ripgrep', 'chromium',
  'curl', 'python3-requests',
  'squid', 'apache2-utils', 'openssl',
];

function isInstalled(name: string): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .includes('install ok installed');
  } catch {
    return false;
  }
}

/** Installs what is missing with apt-get when we can (root on Debian); otherwise says exactly what to install. */
export async function ensureDebianPackages(names: readonly string[] = HOST_PACKAGES): Promise<void> {
  const onDebian = process.platform === 'linux' && fs.existsSync('/etc/debian_version');
  if (!onDebian) {
    console.log(`[host] Not Debian: make sure these (or your system's equivalents) are installed: ${names.join(', ')}; ` +
      'Chromium must be at /usr/bin/chromium or named by CHROMIUM_PATH.');
    return;
  }
  const missing = names.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}.\nInstall them as root: apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`[host] Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine may have empty package lists; refreshing first is cheap next to the install.
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}
