import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { pemCertificates, type CertificateSource } from './trustedCertificates';

/** Where Linux distributions keep the OS store as one file: Debian and Ubuntu, Fedora and RHEL, openSUSE. The same list as VS Code's. */
const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem'];

/** A CA file that was named but gives nothing to trust. */
export class UnreadableCaFile extends Error {
  override readonly name = 'UnreadableCaFile';
}

/** The certificates of a PEM file the user named; a missing file or one without certificates is an error that names it. */
export async function readCaFile(name: string, file: string): Promise<CertificateSource> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableCaFile(`${name} names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const pems = pemCertificates(text);
  if (pems.length === 0) throw new UnreadableCaFile(`${name} names ${file}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return { name, pems };
}

/**
 * The OS store, read as VS Code reads it: a bundle file on Linux, the keychains through
 * `security` on macOS. Windows keeps its store behind an API only a native module reaches.
 */
export async function readSystemCertificates(): Promise<string[] | undefined> {
  if (process.platform === 'linux') {
    for (const file of LINUX_BUNDLES) {
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) return pemCertificates(text);
    }
    return [];
  }
  if (process.platform === 'darwin') {
    const { stdout } = await promisify(execFile)('/usr/bin/security', ['find-certificate', '-a', '-p'], { maxBuffer: 64 * 1024 * 1024 });
    return pemCertificates(stdout);
  }
  return undefined;
}
