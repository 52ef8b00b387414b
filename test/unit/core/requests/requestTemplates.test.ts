import assert from 'node:assert/strict';
import { parse, validate } from 'graphql';
import { operationAtOffset } from '../../../../src/core/requests/operationSelection';
import { buildRequestBody } from '../../../../src/core/requests/requestBody';
import { REQUEST_TEMPLATES, type RequestTemplate, findTemplate, inviteMembersVariables, templateTextFor, variablesFileText } from '../../../../src/core/requests/requestTemplates';
import { parseVariablesText } from '../../../../src/core/requests/variablesFile';
import { ADMIN_CLIENT, DEMO_CLIENT, type Sandbox, type SandboxClient, startSandbox } from '../../../fixtures/sandbox';
import { DEMO_ACCOUNT_EMAIL, MEMBER_PIPE_ID, NON_MEMBER_PIPE_ID } from '../../../fixtures/sandbox/pipefyData';
import { sandboxSchema } from '../../../fixtures/sandbox/schema';
import { readRequest } from './readRequest';

/** A query's text, without comments, whitespace and operation names, to compare with a template's. */
const shape = (text: string) => text.replace(/#.*$/gm, '').replace(/(query|mutation) \w+\(/, '$1(').replace(/\s+/g, '');

describe('New GraphQL Request templates', () => {
  it('offers the Pipefy queries people start from', () => {
    assert.deepEqual(REQUEST_TEMPLATES.map((t) => t.id), ['me', 'organizations', 'pipe', 'cards', 'allCards', 'createCard', 'inviteMembers']);
    assert.equal(findTemplate('CREATECARD')?.baseName, 'create-card');
    assert.equal(findTemplate('nope'), undefined);
  });

  it('the paginated card templates are ones Run All Pages follows', () => {
    for (const id of ['cards', 'allCards']) {
      assert.deepEqual(readRequest(findTemplate(id)!.text).operations[0].pagination?.connectionPath, [id], id);
    }
  });

  it('cards pages with $after and inviteMembers has the input shape, exactly as Pipefy\'s API takes them', () => {
    assert.equal(
      shape(findTemplate('cards')!.text),
      shape('query($pipeId: ID!, $after: String) { cards(pipe_id: $pipeId, first: 50, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }'),
    );
    assert.deepEqual(findTemplate('cards')!.variables, { pipeId: 'REPLACE_WITH_PIPE_ID', after: null });
    assert.equal(
      shape(findTemplate('inviteMembers')!.text),
      shape('mutation($input: InviteMembersInput!) { inviteMembers(input: $input) { users { id email } errors { index message } } }'),
    );
    assert.deepEqual(inviteMembersVariables('2', 'bot@example.com'), { input: { pipe_id: '2', emails: [{ email: 'bot@example.com', role_name: 'admin' }] } });
    assert.deepEqual(inviteMembersVariables(undefined, undefined), findTemplate('inviteMembers')!.variables);
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

  describe('against the sandbox, with the placeholders filled in', () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox();
    });
    after(() => sandbox.close());

    const run = async (client: SandboxClient, template: RequestTemplate, variables: unknown) => {
      const token = await fetch(sandbox.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
      }).then((response) => response.json() as Promise<{ access_token: string }>);
      const response = await fetch(sandbox.graphqlEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify({ query: template.text, variables }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const filled = (template: RequestTemplate, pipeId: string) =>
      JSON.parse(variablesFileText(template.variables ?? {}).replace(/REPLACE_WITH_PIPE_ID/g, pipeId).replace(/REPLACE_WITH_EMAIL/g, DEMO_ACCOUNT_EMAIL)) as unknown;

    for (const template of REQUEST_TEMPLATES) {
      it(`"${template.label}" is valid against the sandbox's schema`, () => {
        assert.deepEqual(validate(sandboxSchema, parse(template.text)).map((error) => error.message), []);
      });
    }

    it("the demo account runs every template but inviteMembers on its member pipe; the admin's inviteMembers lets it into the other", async () => {
      for (const template of REQUEST_TEMPLATES.filter((t) => t.id !== 'inviteMembers')) {
        const answer = await run(DEMO_CLIENT, template, filled(template, MEMBER_PIPE_ID));
        assert.equal(answer.errors, undefined, `${template.id}: ${JSON.stringify(answer.errors)}`);
      }
      const pipe = findTemplate('pipe')!;
      const denied = await run(DEMO_CLIENT, pipe, filled(pipe, NON_MEMBER_PIPE_ID));
      assert.equal((denied.errors as Array<{ extensions: { code: string } }>)[0].extensions.code, 'PERMISSION_DENIED');
      const invite = findTemplate('inviteMembers')!;
      const invited = await run(ADMIN_CLIENT, invite, inviteMembersVariables(NON_MEMBER_PIPE_ID, DEMO_ACCOUNT_EMAIL));
      assert.equal(invited.errors, undefined, JSON.stringify(invited.errors));
      assert.equal((await run(DEMO_CLIENT, pipe, filled(pipe, NON_MEMBER_PIPE_ID))).errors, undefined);
    });
  });
});

describe('a template written to a file of another name', () => {
  it('names the variables file really written beside it in its comments', () => {
    const pipe = findTemplate('pipe')!;
    assert.match(templateTextFor(pipe, 'pipe-2.variables.json'), /^# Set the pipe id in pipe-2\.variables\.json\.$/m);
    assert.ok(!templateTextFor(pipe, 'pipe-2.variables.json').includes(' pipe.variables.json'));
    assert.equal(templateTextFor(pipe, undefined), pipe.text);
    for (const template of REQUEST_TEMPLATES.filter((t) => t.variables)) {
      assert.ok(templateTextFor(template, 'mine.variables.json').includes('mine.variables.json'), `${template.id} names its variables file`);
    }
  });
});
