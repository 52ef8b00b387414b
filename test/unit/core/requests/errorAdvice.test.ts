import assert from 'node:assert/strict';
import { lookUpAccountEmail } from '../../../../src/core/graphql/accountEmail';
import { GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { adviceNeedsAccountEmail, adviseOnErrors, meEmailIn, pipeIdsOf, requiredFieldsIn } from '../../../../src/core/requests/errorAdvice';
import { outcomeOfAnswer } from '../../../../src/core/requests/requestHistory';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { type Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { DEMO_ACCOUNT_EMAIL } from '../../../fixtures/sandbox/pipefyData';

const DENIED = { message: 'Permission denied', code: 'PERMISSION_DENIED', correlationId: '0123456789abcdef0123456789abcdef', path: ['pipe'] };
const PIPE_QUERY = 'query Pipe($id: ID!) { pipe(id: $id) { id } }';

describe('advice on errors', () => {
  describe('PERMISSION_DENIED', () => {
    it('names the account with its email and the pipe from the variables, and offers an inviteMembers request filled with both', () => {
      const [advice, ...rest] = adviseOnErrors([DENIED], { query: PIPE_QUERY, variables: { id: '2' } }, { label: 'Sandbox', email: 'bot@example.com' });
      assert.deepEqual(rest, []);
      assert.equal(
        advice.text,
        'PERMISSION_DENIED: the service account "Sandbox" (bot@example.com) is probably not a member of pipe 2, or the ID is wrong (Pipefy answers the same to both). A pipe admin adds the account with inviteMembers.',
      );
      assert.deepEqual(advice.invite, { pipeId: '2', email: 'bot@example.com' });
      // The notice's brief form names the account and the pipe; its buttons say the fix, the view the email.
      assert.equal(advice.brief, '"Sandbox" is not a member of pipe 2, or the ID is wrong.');
    });

    it('says why the email is missing when me could not be read, and leaves it to fill in', () => {
      const [advice] = adviseOnErrors([DENIED], { query: '{ pipe(id: 7) { id } }' }, { label: 'prod', emailProblem: 'the API answered 500' });
      assert.match(advice.text, /^PERMISSION_DENIED: the service account "prod" \(its email could not be read with me: the API answered 500\) is probably not a member of pipe 7/);
      assert.deepEqual(advice.invite, { pipeId: '7', email: undefined });
    });

    it('says "that pipe" when the request names none', () => {
      const [advice] = adviseOnErrors([DENIED], { query: '{ organizations { id } }' }, { label: 'prod' });
      assert.match(advice.text, /is probably not a member of that pipe, or the ID is wrong/);
      assert.deepEqual(advice.invite, { pipeId: undefined, email: undefined });
    });

    it('on inviteMembers itself: only admins may add members, with no invite to write', () => {
      const advice = adviseOnErrors([{ ...DENIED, path: ['inviteMembers'] }], { query: 'mutation($input: InviteMembersInput!) { inviteMembers(input: $input) { users { id } } }', variables: { input: { pipe_id: '2' } } }, { label: 'prod' });
      assert.deepEqual(advice, [{ text: "Only the organization's admins and the pipe's admins may add members: run this request as a service account that administers pipe 2, or check the ID.", brief: 'Only admins of pipe 2 may add members: run it as one (Run as…).', runAsAnother: true }]);
      assert.equal(adviceNeedsAccountEmail([{ ...DENIED, path: ['inviteMembers'] }]), false);
    });

    it('the email is looked for only when there is a PERMISSION_DENIED to explain', () => {
      assert.equal(adviceNeedsAccountEmail([DENIED]), true);
      assert.equal(adviceNeedsAccountEmail([{ message: 'x', code: 'RESOURCE_NOT_FOUND' }]), false);
      assert.deepEqual(adviseOnErrors([{ message: 'x', code: 'RESOURCE_NOT_FOUND' }], { query: PIPE_QUERY, variables: { id: '2' } }, { label: 'a' }), []);
    });
  });

  describe('the pipe IDs a request names', () => {
    it('pipe(id:) and pipe_id: in the query, as variables or literals, then pipe_id and pipeId among the variables', () => {
      assert.deepEqual(pipeIdsOf({ query: PIPE_QUERY, variables: { id: '2' } }), ['2']);
      assert.deepEqual(pipeIdsOf({ query: 'query($a: ID!, $b: ID!) { x: pipe(id: $a) { id } y: pipe(id: $b) { id } }', variables: { a: '404', b: 405 } }), ['404', '405']);
      assert.deepEqual(pipeIdsOf({ query: '{ pipe(id: "12") { id } cards(pipe_id: 13) { edges { node { id } } } }' }), ['12', '13']);
      assert.deepEqual(pipeIdsOf({ query: 'query Cards($pipeId: ID!, $after: String) { cards(pipe_id: $pipeId, first: 50, after: $after) { pageInfo { endCursor } } }', variables: { pipeId: '9', after: null } }), ['9']);
      assert.deepEqual(pipeIdsOf({ query: 'mutation($input: CreateCardInput!) { createCard(input: $input) { card { id } } }', variables: { input: { pipe_id: '3', title: 't' } } }), ['3']);
      assert.deepEqual(pipeIdsOf({ query: '{ me { id } }', variables: { nested: { deeper: { pipeId: 4 } } } }), ['4']);
      assert.deepEqual(pipeIdsOf({ query: '{ me { id } }', variables: { id: '5' } }), []);
    });
  });

  describe("createCard's required start-form fields", () => {
    it('shows which fields, and how to give them', () => {
      const error = { message: 'Required fields are missing: Item (item), Amount (amount)', code: 'RECORD_INVALID', path: ['createCard'] };
      const [advice] = adviseOnErrors([error], { query: 'mutation($input: CreateCardInput!) { createCard(input: $input) { card { id } } }', variables: { input: { pipe_id: '2' } } }, { label: 'a' });
      assert.equal(
        advice.text,
        'createCard needs the pipe\'s required start-form fields: Item (item), Amount (amount). Give each in input.fields_attributes as {"field_id": "…", "field_value": "…"}; pipe(id) { start_form_fields { id label required } } lists them.',
      );
      assert.equal(advice.brief, 'Give each in input.fields_attributes.');
      assert.equal(advice.invite, undefined);
      assert.deepEqual(requiredFieldsIn('Field "Due date" is required'), []);
      assert.deepEqual(requiredFieldsIn('Required fields: a, b.'), ['a', 'b']);
    });

    it('a missing GraphQL argument is graphql-ruby\'s own error, not the start form', () => {
      const error = { message: "Argument 'pipe_id' on InputObject 'CreateCardInput' is required. Expected type ID!", code: 'missingRequiredInputObjectAttribute', path: ['createCard'] };
      assert.deepEqual(adviseOnErrors([error], { query: '' }, { label: 'a' }), []);
    });
  });

  it("me's email is read from an answer that has it", () => {
    assert.equal(meEmailIn({ data: { me: { id: '1', email: 'bot@example.com' } } }), 'bot@example.com');
    for (const json of [undefined, null, {}, { data: null }, { data: { me: null } }, { data: { me: { email: 3 } } }, { data: { me: { email: 'not an email' } } }]) assert.equal(meEmailIn(json), undefined);
  });

  it('the history outcome: an HTTP error or an unusable body first, then errors in a good answer', () => {
    assert.equal(outcomeOfAnswer({ status: 200, errors: [] }), 'ok');
    assert.equal(outcomeOfAnswer({ status: 200, errors: [DENIED] }), 'graphql_errors');
    assert.equal(outcomeOfAnswer({ status: 404, errors: [DENIED] }), 'http_error');
    assert.equal(outcomeOfAnswer({ status: 200, errors: [], problem: { code: 'not_json' } }), 'http_error');
  });

  describe("the account's email, from me, against the sandbox", () => {
    let sandbox: Sandbox;
    let runner: GraphQLRunner;
    before(async () => {
      sandbox = await startSandbox();
      runner = new GraphQLRunner({ tokens: coreTokenSource(sandbox), http: axiosPost, allowedOrigins: [sandbox.url] });
    });
    after(() => sandbox.close());

    it('reads it, and sends one request named for what it is', async () => {
      assert.deepEqual(await lookUpAccountEmail(runner, sandbox.graphqlEndpoint), { email: DEMO_ACCOUNT_EMAIL });
      const sent = JSON.parse(sandbox.requests.filter((request) => request.path === '/graphql').at(-1)!.body) as { operationName: string };
      assert.equal(sent.operationName, 'PipefyPlaygroundAccountEmail');
    });

    it('says why when it cannot, and never throws', async () => {
      sandbox.failNextGraphQL('server_error', 1);
      const failed = await lookUpAccountEmail(runner, sandbox.graphqlEndpoint);
      assert.ok('problem' in failed && /^Internal server error \(INTERNAL_SERVER_ERROR, correlation_id [0-9a-f]{32}\)$/.test(failed.problem), JSON.stringify(failed));
      const refused = await lookUpAccountEmail(runner, 'https://elsewhere.invalid/graphql');
      assert.ok('problem' in refused && /not an allowed origin/.test(refused.problem), JSON.stringify(refused));
    });
  });
});
