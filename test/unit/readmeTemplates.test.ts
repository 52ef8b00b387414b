import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REQUEST_TEMPLATES } from '../../src/core/requests/requestTemplates';

/** The rows of the README's table of New GraphQL Request templates: label and file. */
function documentedTemplates(): Array<[string, string]> {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| Template | File | What it sends |'));
  const rows = table.slice(0, table.search(/\n\n/));
  return [...rows.matchAll(/^\| ([^|]+?) \| `([^`]+)\.graphql`/gm)].map((match) => [match[1], match[2]]);
}

// A template the README leaves out is one a reader never learns of (All cards was, once).
describe('the README\'s templates table', () => {
  it('lists every template New GraphQL Request offers, by its label and file, in the same order', () => {
    assert.deepEqual(documentedTemplates(), REQUEST_TEMPLATES.map((template) => [template.label, template.baseName]));
  });
});
