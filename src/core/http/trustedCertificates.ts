/**
 * Which CAs vouch for Pipefy's hosts. By default the product leaves it to the editor: VS Code adds
 * the OS store to Node's bundled CAs when `http.systemCertificates` is on. That addition rebuilds
 * Node's trust store from the bundled CAs alone, dropping what NODE_EXTRA_CA_CERTS added, so a
 * company CA given the standard Node way would not be trusted. When any extra CA is named, the
 * product therefore gives the whole list itself: Node's bundled CAs, the extra ones, and the OS
 * store when the setting asks for it.
 */

/** Certificates from one place, as PEM blocks. */
export interface CertificateSource {
  /** What the user named: `NODE_EXTRA_CA_CERTS`, `pipefy.caCertificatesFile`. */
  readonly name: string;
  readonly pems: readonly string[];
}

export interface TrustInput {
  /** The runtime's own store: Node's bundled CAs (`tls.rootCertificates`), or OpenSSL's under `--use-openssl-ca`. */
  readonly bundled: readonly string[];
  /** How the log names that store. */
  readonly bundledName: string;
  readonly extra: readonly CertificateSource[];
  /** VS Code's `http.systemCertificates`. */
  readonly systemCertificates: boolean;
  /** The OS store as read here, or undefined where it cannot be read without the editor (Windows). */
  readonly system: readonly string[] | undefined;
}

export interface Trust {
  /** The CAs to hand to each request, or undefined to leave the editor's own. */
  readonly ca?: readonly string[];
  /** For the log: which stores verify a server. */
  readonly description: string;
}

export function chooseTrust(input: TrustInput): Trust {
  const extra = input.extra.filter((source) => source.pems.length > 0);
  if (extra.length === 0) {
    return { description: input.systemCertificates ? `${input.bundledName} and the OS store (VS Code's default)` : `${input.bundledName} (http.systemCertificates is off)` };
  }
  const system = input.systemCertificates ? (input.system ?? []) : [];
  const parts = [input.bundledName, ...extra.map((source) => `${source.name} (${count(source.pems.length)})`)];
  if (input.systemCertificates) parts.push(input.system ? 'the OS store' : 'not the OS store, which cannot be read here while an extra CA is named');
  return { ca: [...new Set([...input.bundled, ...extra.flatMap((source) => source.pems), ...system])], description: sentence(parts) };
}

/**
 * Under `--use-openssl-ca` (on the command line or in NODE_OPTIONS) Node trusts OpenSSL's store (the
 * OS's, on Linux) instead of its bundled CAs; a list the product hands over must keep that store.
 */
export function usesOpenSslStore(nodeArguments: readonly string[]): boolean {
  return nodeArguments.some((argument) => argument.includes('--use-openssl-ca'));
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificate blocks of a PEM file's text; anything between them (comments, keys) is left out. */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

function count(n: number): string {
  return `${n} certificate${n === 1 ? '' : 's'}`;
}

function sentence(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
