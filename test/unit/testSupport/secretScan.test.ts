import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles, scanFilesCounted } from '../../e2e/helpers/secretScan';

/** The at-rest scan of the security run: it must find a value in every form it claims to look for. */
describe('secretScan: files on disk', () => {
  // A run of '?' (0x3f) puts a '/' (six 1 bits) into its base64 at every alignment, so base64url differs.
  const canary = { value: `unit-canary-??????-${globalThis.crypto.randomUUID()}`, origin: 'the unit canary' };
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function scan(name: string, bytes: Buffer) {
    fs.writeFileSync(path.join(dir, name), bytes);
    return scanFilesCounted(listFiles([dir]), [canary]);
  }

  it('finds the value as UTF-8 and as UTF-16LE inside binary bytes', () => {
    const found = scan('mixed.bin', Buffer.concat([Buffer.from([0, 0xff]), Buffer.from(canary.value, 'utf16le'), Buffer.from([7]), Buffer.from(canary.value, 'utf8')]));
    assert.deepEqual(found.leaks.map((leak) => leak.encoding).sort(), ['utf16le', 'utf8']);
  });

  for (const before of [0, 1, 2, 3, 4, 5]) {
    it(`finds the value base64-encoded after ${before} other bytes, in base64 and base64url`, () => {
      const raw = Buffer.concat([Buffer.alloc(before, 0xfb), Buffer.from(canary.value, 'utf8'), Buffer.from([0xfe, 0xff])]);
      assert.deepEqual(scan('b64.txt', Buffer.from(`x=${raw.toString('base64')}`)).leaks.map((leak) => leak.encoding), ['base64']);
      fs.rmSync(path.join(dir, 'b64.txt'));
      assert.deepEqual(scan('b64url.txt', Buffer.from(raw.toString('base64url'))).leaks.map((leak) => leak.encoding), ['base64url']);
    });
  }

  it('reads files whole, past its read size, and finds a value that straddles two reads', () => {
    const chunk = 8 * 1024 * 1024;
    const value = Buffer.from(canary.value, 'utf16le');
    const bytes = Buffer.alloc(chunk * 2 + 100, 0x20);
    value.copy(bytes, chunk - 7);
    const found = scan('large.bin', bytes);
    assert.deepEqual(found.leaks.map((leak) => leak.encoding), ['utf16le']);
    assert.equal(found.files, 1);
    assert.equal(found.bytes, bytes.length);
  });

  it('reports nothing, and still counts the file, when the value is absent', () => {
    const found = scan('clean.bin', Buffer.from(`unit-canary-but-not-the-value ${canary.value.slice(0, -1)}`));
    assert.deepEqual(found.leaks, []);
    assert.equal(found.files, 1);
  });
});
