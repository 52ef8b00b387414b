import * as assert from 'node:assert/strict';
import { chooseTrust, pemCertificates, usesOpenSslStore } from '../../../../src/core/http/trustedCertificates';

const pem = (name: string) => `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----`;

describe('chooseTrust: which CAs vouch for a server', () => {
  const bundled = [pem('bundled-1'), pem('bundled-2')];

  it('leaves the editor its own store when no extra CA is named', () => {
    assert.deepEqual(chooseTrust({ bundled, bundledName: "Node's bundled CAs", extra: [], systemCertificates: true, system: [pem('os')] }), {
      description: "Node's bundled CAs and the OS store (VS Code's default)",
    });
    assert.equal(chooseTrust({ bundled, bundledName: "Node's bundled CAs", extra: [{ name: 'NODE_EXTRA_CA_CERTS', pems: [] }], systemCertificates: false, system: undefined }).ca, undefined);
  });

  it('keeps NODE_EXTRA_CA_CERTS beside the OS store, which the editor\'s own addition of the OS store would drop', () => {
    const trust = chooseTrust({ bundled, bundledName: "Node's bundled CAs", extra: [{ name: 'NODE_EXTRA_CA_CERTS', pems: [pem('company')] }], systemCertificates: true, system: [pem('os'), pem('bundled-1')] });
    assert.deepEqual(trust.ca, [pem('bundled-1'), pem('bundled-2'), pem('company'), pem('os')]);
    assert.equal(trust.description, "Node's bundled CAs, NODE_EXTRA_CA_CERTS (1 certificate) and the OS store");
  });

  it('leaves the OS store out when http.systemCertificates is off, and says when it cannot be read', () => {
    const off = chooseTrust({ bundled, bundledName: "Node's bundled CAs", extra: [{ name: 'pipefy.caCertificatesFile', pems: [pem('a'), pem('b')] }], systemCertificates: false, system: [pem('os')] });
    assert.deepEqual(off.ca, [...bundled, pem('a'), pem('b')]);
    assert.equal(off.description, "Node's bundled CAs and pipefy.caCertificatesFile (2 certificates)");
    const unreadable = chooseTrust({ bundled, bundledName: "Node's bundled CAs", extra: [{ name: 'pipefy.caCertificatesFile', pems: [pem('a')] }], systemCertificates: true, system: undefined });
    assert.match(unreadable.description, /not the OS store, which cannot be read here/);
  });

  it('names OpenSSL\'s store when Node was told to use it', () => {
    assert.equal(
      chooseTrust({ bundled, bundledName: "OpenSSL's CA store (--use-openssl-ca)", extra: [], systemCertificates: false, system: undefined }).description,
      "OpenSSL's CA store (--use-openssl-ca) (http.systemCertificates is off)",
    );
  });

  it('knows when Node was told to use OpenSSL\'s store, from its arguments or NODE_OPTIONS', () => {
    assert.equal(usesOpenSslStore(['--max-old-space-size=4096', '--use-openssl-ca']), true);
    assert.equal(usesOpenSslStore(['--inspect', '']), false);
  });

  it('reads every certificate block of a PEM file and nothing else', () => {
    const text = `# company CAs\n${pem('one')}\n-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n${pem('two')}\n`;
    assert.deepEqual(pemCertificates(text), [pem('one'), pem('two')]);
    assert.deepEqual(pemCertificates('not a certificate'), []);
  });
});
