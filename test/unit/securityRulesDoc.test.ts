import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SECURITY_LINES } from '../security/specLines';

/** The `| §id | text |` rows of docs/security-rules.md, in the order they appear. */
function documentedLines(): Array<[string, string]> {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/security-rules.md'), 'utf8');
  return [...doc.matchAll(/^\| §(\S+) \| (.+) \|$/gm)].map((match) => [match[1], match[2]]);
}

// Readers learn the rules from the doc while the security run checks SECURITY_LINES: if the two
// drift apart, the doc promises rules nobody proves, or the run proves rules nobody can read.
describe('docs/security-rules.md', () => {
  it('lists every line the security run checks, with the same words, and no other', () => {
    assert.deepEqual(documentedLines(), Object.entries(SECURITY_LINES));
  });
});
