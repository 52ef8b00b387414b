import * as assert from 'node:assert/strict';
import * as tls from 'node:tls';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { TransportFailure } from '../../../../src/core/http/httpPost';
import { describeTransportFailure } from '../../../../src/core/http/transport';
import { DEMO_CLIENT, startSandbox } from '../../../fixtures/sandbox';
import { testPki, type CertificateAndKey } from '../../../fixtures/tls/testCertificates';

/** Real TLS servers with the wrong certificate: each refusal names the host and its cause, and nothing is sent. */
describe('Certificate refusals, said by their cause', () => {
  const pki = testPki();

  async function refusal(certificate: CertificateAndKey) {
    const sandbox = await startSandbox({ tls: { cert: certificate.certPem, key: certificate.keyPem } });
    try {
      const url = sandbox.tokenEndpoint.replace('127.0.0.1', 'localhost');
      const failure = await axiosPost({
        url,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }).toString(),
        timeoutMs: 5_000,
        maxResponseBytes: 1024 * 1024,
        ca: [...tls.rootCertificates, pki.caPem],
      }).then(() => undefined, (error: unknown) => error);
      assert.ok(failure instanceof TransportFailure, 'the request failed below HTTP');
      assert.equal(sandbox.requests.length, 0, 'the server received nothing, so no secret was sent');
      return { failure, said: describeTransportFailure(failure, url, 5_000, 'pipefy.tokenRequestTimeoutSeconds') };
    } finally {
      await sandbox.close();
    }
  }

  it('a certificate for another name', async () => {
    const { failure, said } = await refusal(pki.wrongName);
    assert.equal(failure.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(said.message, /^The secure connection to localhost:\d+ failed \(ERR_TLS_CERT_ALTNAME_INVALID\): its certificate is for another host name\. Nothing was sent\.$/);
    assert.match(said.hint, /must issue its certificate for localhost/);
  });

  it('a self-signed certificate', async () => {
    const { failure, said } = await refusal(pki.selfSigned);
    assert.equal(failure.kind, 'tls');
    assert.match(said.message, /SELF_SIGNED_CERT.*not signed by a CA this editor trusts\. Nothing was sent\./);
    assert.match(said.hint, /Certificate checks are never turned off/);
  });

  it('a CA file that cannot be used is named before anything is sent', () => {
    const said = describeTransportFailure(
      new TransportFailure('tls', 'CA_FILE', 'pipefy.caCertificatesFile names /no/such.pem, which cannot be read (ENOENT).'),
      'https://app.pipefy.com/oauth/token',
      15_000,
      'pipefy.tokenRequestTimeoutSeconds',
    );
    assert.equal(said.message, 'Nothing was sent to app.pipefy.com: pipefy.caCertificatesFile names /no/such.pem, which cannot be read (ENOENT).');
    assert.match(said.hint, /pipefy\.caCertificatesFile/);
  });
});
