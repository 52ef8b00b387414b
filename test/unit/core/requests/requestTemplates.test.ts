import assert from 'node:assert/strict';
import { operationAtOffset } from '../../../../src/core/requests/operationSelection';
import { buildRequestBody } from '../../../../src/core/requests/requestBody';
import { REQUEST_TEMPLATES, findTemplate, variablesFileText } from '../../../../src/core/requests/requestTemplates';
import { parseVariablesText } from '../../../../src/core/requests/variablesFile';
import { readRequest } from './readRequest';

describe('New GraphQL Request templates', () => {
  it('offers the queries of SPEC §2', () => {
    assert.deepEqual(REQUEST_TEMPLATES.map((t) => t.id), ['me', 'organizations', 'pipe', 'cards', 'createCard']);
    assert.equal(findTemplate('CREATECARD')?.baseName, 'create-card');
    assert.equal(findTemplate('nope'), undefined);
  });

  for (const template of REQUEST_TEMPLATES) {
    it(`"${template.label}" parses, runs as one operation and has a variable for each it declares`, () => {
      const document = readRequest(template.text);
      assert.deepEqual(document.problems, []);
      assert.equal(document.operations.length, 1);
      const operation = operationAtOffset(document, 0);
      assert.ok(operation);
      const parsed = parseVariablesText(template.variables ? variablesFileText(template.variables) : '', 'v.json');
      assert.ok(parsed.ok);
      assert.deepEqual(Object.keys(parsed.variables).sort(), [...operation.variableNames].sort());
      assert.equal(buildRequestBody(document, operation, parsed.variables).operationName, operation.name);
    });
  }
});
