import assert from 'node:assert/strict';
import { planRun } from '../../../../src/core/requests/runPlan';
import { readRequest } from './readRequest';

const ACCOUNT_ENDPOINT = 'https://api.pipefy.com/graphql';

function plan(text: string, variables: Record<string, unknown> = {}, variablesFileName: string | undefined = 'pipe.variables.json') {
  const request = readRequest(text);
  return planRun({ request, operation: request.operations[0], fileName: 'pipe.graphql', accountEndpoint: ACCOUNT_ENDPOINT, variables, variablesFileName });
}

describe('planning a run', () => {
  it("sends the operation with its declared variables to the account's endpoint", () => {
    const planned = plan('query Pipe($id: ID!) {\n  pipe(id: $id) { id }\n}\n', { id: '301', unused: 'x' });
    assert.ok(planned.ok);
    assert.equal(planned.operationLabel, 'Pipe');
    assert.equal(planned.endpoint, ACCOUNT_ENDPOINT);
    assert.deepEqual(planned.body.variables, { id: '301' });
    assert.equal(planned.body.operationName, 'Pipe');
  });

  it('sends to the endpoint the file names with # @endpoint, and labels an anonymous operation by its line', () => {
    const planned = plan('# @endpoint https://api.pipefy.com/queries\n{ me { id } }\n');
    assert.ok(planned.ok);
    assert.equal(planned.endpoint, 'https://api.pipefy.com/queries');
    assert.match(planned.operationLabel, /anonymous.*line 2/);
  });

  it('refuses a # @endpoint that is not a usable URL, naming the file and the line', () => {
    const planned = plan('# @endpoint ftp://example.com/graphql\nquery Me { me { id } }\n');
    assert.ok(!planned.ok);
    assert.match(planned.message, /^pipe\.graphql: .*line 1/);
    assert.equal(planned.placeholders, undefined);
  });

  it('refuses an operation that uses a fragment the file lacks', () => {
    const planned = plan('query Me { me { ...Missing } }\n');
    assert.ok(!planned.ok);
    assert.match(planned.message, /^pipe\.graphql: .*Missing/);
  });

  it('refuses a template placeholder still in the variables: it names the file, the variable and the value, and what to do', () => {
    const planned = plan('query Pipe($id: ID!) {\n  pipe(id: $id) { id }\n}\n', { id: 'REPLACE_WITH_PIPE_ID' }, 'pipe-2.variables.json');
    assert.ok(!planned.ok);
    assert.deepEqual(planned.placeholders, [{ path: 'id', value: 'REPLACE_WITH_PIPE_ID' }]);
    assert.equal(
      planned.message,
      "Pipe was not sent: pipe-2.variables.json still has the template's placeholder in id (REPLACE_WITH_PIPE_ID). Replace it with a real value, then run again.",
    );
  });

  it('names every placeholder left, and ignores one in a variable the operation does not send', () => {
    const text = 'mutation Invite($input: InviteMembersInput!) { inviteMembers(input: $input) { users { id } } }\n';
    const variables = { input: { pipe_id: 'REPLACE_WITH_PIPE_ID', emails: [{ email: 'REPLACE_WITH_EMAIL' }] }, other: 'REPLACE_WITH_PIPE_ID' };
    const planned = plan(text, variables, 'invite.variables.json');
    assert.ok(!planned.ok);
    assert.deepEqual(planned.placeholders?.map((placeholder) => placeholder.path), ['input.pipe_id', 'input.emails[0].email']);
    assert.match(planned.message, /in input\.pipe_id \(REPLACE_WITH_PIPE_ID\) and input\.emails\[0\]\.email \(REPLACE_WITH_EMAIL\)\. Replace them with real values/);
    assert.ok(plan('query Me { me { id } }\n', { id: 'REPLACE_WITH_PIPE_ID' }).ok);
  });
});
