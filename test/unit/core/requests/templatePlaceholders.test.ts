import assert from 'node:assert/strict';
import { REQUEST_TEMPLATES, inviteMembersVariables } from '../../../../src/core/requests/requestTemplates';
import { isTemplatePlaceholder, placeholdersIn } from '../../../../src/core/requests/templatePlaceholders';

describe('template placeholders left in the variables', () => {
  it('finds each one with where it sits, through objects and arrays', () => {
    assert.deepEqual(placeholdersIn(inviteMembersVariables(undefined, undefined)), [
      { path: 'input.pipe_id', value: 'REPLACE_WITH_PIPE_ID' },
      { path: 'input.emails[0].email', value: 'REPLACE_WITH_EMAIL' },
    ]);
    assert.deepEqual(placeholdersIn({ id: 'REPLACE_WITH_PIPE_ID' }), [{ path: 'id', value: 'REPLACE_WITH_PIPE_ID' }]);
  });

  it('finds nothing once real values are in, whatever they look like', () => {
    assert.deepEqual(placeholdersIn(inviteMembersVariables('301', 'bot@example.com')), []);
    assert.deepEqual(placeholdersIn({ id: '301', after: null, note: 'see REPLACE_WITH_PIPE_ID in the docs', n: 3, flags: [true] }), []);
  });

  it('knows every placeholder a template writes', () => {
    const written = REQUEST_TEMPLATES.flatMap((template) => JSON.stringify(template.variables ?? {}).match(/REPLACE_WITH_\w+/g) ?? []);
    assert.ok(written.length > 0);
    for (const value of written) assert.ok(isTemplatePlaceholder(value), value);
    for (const template of REQUEST_TEMPLATES.filter((t) => t.variables)) assert.ok(placeholdersIn(template.variables ?? {}).length > 0, template.id);
  });
});
