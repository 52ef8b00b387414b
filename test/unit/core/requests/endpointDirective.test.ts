import assert from 'node:assert/strict';
import { findEndpointDirective } from '../../../../src/core/requests/endpointDirective';

describe('the # @endpoint line of a request file', () => {
  it('is absent from most files', () => {
    assert.equal(findEndpointDirective('query Me { me { id } }'), undefined);
  });

  it('names the endpoint the file is sent to', () => {
    assert.deepEqual(findEndpointDirective('# Single tenant\n#   @endpoint https://acme.pipefy.com/graphql\nquery Me { me { id } }'), {
      ok: true,
      url: 'https://acme.pipefy.com/graphql',
      line: 2,
    });
  });

  it('is refused when it is not an https URL (or http on loopback), with its place', () => {
    const directive = findEndpointDirective('\n# @endpoint http://example.com/graphql\n{ me { id } }');
    assert.ok(directive && !directive.ok);
    assert.equal(directive.problem.line, 2);
    assert.equal(directive.problem.column, 13);
    assert.match(directive.problem.message, /http:\/\/ to example\.com, which is not a loopback address/);
    const empty = findEndpointDirective('# @endpoint\n{ me { id } }');
    assert.ok(empty && !empty.ok);
    assert.match(empty.problem.message, /is empty/);
  });
});
