import * as tls from 'node:tls';
import * as vscode from 'vscode';
import { axiosPost } from '../../core/http/axiosPost';
import { type HttpPost, TransportFailure } from '../../core/http/httpPost';
import { describeRoute } from '../../core/http/networkRoute';
import { chooseTrust, type CertificateSource, type Trust, usesOpenSslStore } from '../../core/http/trustedCertificates';
import type { Log } from '../log';
import { readCaFile, readSystemCertificates, UnreadableCaFile } from '../../core/http/certificateSources';

/** The product's own setting that names a company CA's PEM file. */
export const CA_FILE_SETTING = 'pipefy.caCertificatesFile';

/**
 * Every POST the extension makes: the editor routes it (its proxy support), the product chooses
 * which CAs vouch for the server (trustedCertificates.ts), and the log says both for each request.
 */
export class EditorNetwork implements vscode.Disposable {
  private trust?: Promise<Trust>;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(CA_FILE_SETTING) || event.affectsConfiguration('http.systemCertificates')) this.trust = undefined;
  });

  constructor(private readonly log: Log) {}

  readonly post: HttpPost = async (request) => {
    const target = `POST ${request.url}`;
    let trust: Trust;
    try {
      trust = await (this.trust ??= this.readTrust());
    } catch (error) {
      // Read again next time: the user may be fixing the file right now.
      this.trust = undefined;
      const reason = error instanceof UnreadableCaFile ? error.message : String(error);
      this.log.error(`${target} not sent: ${reason}`);
      throw new TransportFailure('tls', 'CA_FILE', reason);
    }
    try {
      const response = await axiosPost({ ...request, ca: trust.ca });
      this.log.info(`${target}: ${response.status} in ${response.durationMs} ms, ${describeRoute(response.route)}; CAs: ${trust.description}.`);
      return response;
    } catch (error) {
      if (error instanceof TransportFailure && error.kind !== 'cancelled') {
        this.log.warn(`${target} failed (${error.kind}${error.code ? ` ${error.code}` : ''}), ${describeRoute(error.route)}; CAs: ${trust.description}.`);
      }
      throw error;
    }
  };

  private async readTrust(): Promise<Trust> {
    const file = vscode.workspace.getConfiguration('pipefy').get<string>('caCertificatesFile', '').trim();
    const systemCertificates = vscode.workspace.getConfiguration('http').get<boolean>('systemCertificates', true);
    const extra: CertificateSource[] = [];
    const nodeExtra = process.env.NODE_EXTRA_CA_CERTS;
    if (nodeExtra) {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so does the product.
      await readCaFile('NODE_EXTRA_CA_CERTS', nodeExtra).then(
        (source) => extra.push(source),
        (error: unknown) => this.log.warn(String((error as Error).message)),
      );
    }
    if (file) extra.push(await readCaFile(CA_FILE_SETTING, file));
    const openSsl = usesOpenSslStore([...process.execArgv, process.env.NODE_OPTIONS ?? '']);
    // Read once, and only when the product hands over a list that must hold it.
    const system = extra.length > 0 && (systemCertificates || openSsl) ? await readSystemCertificates().catch(() => undefined) : undefined;
    const bundled = openSsl && extra.length > 0 ? (system ?? []) : tls.rootCertificates;
    const bundledName = openSsl ? "OpenSSL's CA store (--use-openssl-ca)" : "Node's bundled CAs";
    const trust = chooseTrust({ bundled, bundledName, extra, systemCertificates, system });
    this.log.info(`HTTPS servers are verified with ${trust.description}.`);
    return trust;
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
