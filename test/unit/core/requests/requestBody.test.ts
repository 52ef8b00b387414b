import assert from 'node:assert/strict';
import { GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { operationAtLine, operationAtOffset, operationByName } from '../../../../src/core/requests/operationSelection';
import { RequestBodyError, buildRequestBody } from '../../../../src/core/requests/requestBody';
import { startRecordingServer } from '../../../fixtures/servers/recordingServer';
import { readRequest } from './readRequest';

const SEVERAL = `# Two operations and a fragment chain.
query Pipe($id: ID!) {
  pipe(id: $id) {
    ...PipeFields
  }
}

fragment PhaseFields on Phase {
  id
  name
}

mutation CreateCard($input: CreateCardInput!) {
  createCard(input: $input) { card { id } }
}

fragment PipeFields on Pipe {
  id
  name
  phases { ...PhaseFields }
}
`;

const PIPE_QUERY = `query Pipe($id: ID!) {
  pipe(id: $id) {
    ...PipeFields
  }
}`;
const PHASE_FIELDS = `fragment PhaseFields on Phase {
  id
  name
}`;
const PIPE_FIELDS = `fragment PipeFields on Pipe {
  id
  name
  phases { ...PhaseFields }
}`;

function body(text: string, name: string, variables?: Record<string, unknown>) {
  const document = readRequest(text);
  const operation = operationByName(document, name);
  assert.ok(operation, `operation ${name}`);
  return buildRequestBody(document, operation, variables);
}

describe('saved request bodies', () => {
  it('sends one operation of several, with the fragments it uses transitively, in file order', () => {
    assert.deepEqual(body(SEVERAL, 'Pipe', { id: '301', input: { title: 'x' } }), {
      query: `${PIPE_QUERY}\n\n${PHASE_FIELDS}\n\n${PIPE_FIELDS}`,
      variables: { id: '301' },
      operationName: 'Pipe',
    });
  });

  it('leaves out fragments an operation does not use and variables it does not declare', () => {
    assert.deepEqual(body(SEVERAL, 'CreateCard', { id: '301', input: { pipe_id: '1', title: 'x' } }), {
      query: `mutation CreateCard($input: CreateCardInput!) {
  createCard(input: $input) { card { id } }
}`,
      variables: { input: { pipe_id: '1', title: 'x' } },
      operationName: 'CreateCard',
    });
  });

  it('sends an anonymous operation without operationName, and empty variables when there are none', () => {
    const document = readRequest('{ me { id name email } }\n');
    const [operation] = document.operations;
    assert.deepEqual(buildRequestBody(document, operation), { query: '{ me { id name email } }', variables: {}, operationName: undefined });
    assert.equal(JSON.stringify(buildRequestBody(document, operation)), '{"query":"{ me { id name email } }","variables":{}}');
  });

  it('keeps a declared variable whose value is null or false', () => {
    const text = 'query Cards($pipeId: ID!, $after: String, $all: Boolean) { cards(pipe_id: $pipeId, after: $after) { edges { cursor } } }';
    assert.deepEqual(body(text, 'Cards', { pipeId: '1', after: null, all: false }).variables, { pipeId: '1', after: null, all: false });
  });

  it('follows fragments spread inside inline fragments and nested fields, and survives a cycle', () => {
    const text = `query Q { node { ... on Card { ...A } } }
fragment A on Card { id current_phase { ...B } }
fragment B on Phase { id ...A }
`;
    const document = readRequest(text);
    assert.deepEqual(document.operations[0].fragmentNames, ['A', 'B']);
    assert.equal(
      buildRequestBody(document, document.operations[0]).query,
      'query Q { node { ... on Card { ...A } } }\n\nfragment A on Card { id current_phase { ...B } }\n\nfragment B on Phase { id ...A }',
    );
  });

  it('refuses an operation that spreads a fragment the file does not define, naming the line and column', () => {
    const document = readRequest('query A { me { id } }\nquery B {\n  me { ...Missing }\n}\n');
    assert.deepEqual(buildRequestBody(document, document.operations[0]).operationName, 'A');
    assert.throws(
      () => buildRequestBody(document, document.operations[1]),
      (error: unknown) => error instanceof RequestBodyError && error.message === 'The fragment "Missing" is not defined in this file (line 3, column 8).',
    );
  });

  it('refuses a file with two fragments or two operations of the same name', () => {
    const fragments = readRequest('query A { me { ...F } }\nfragment F on User { id }\nfragment F on User { name }\n');
    assert.match(fragments.problems[0].message, /two fragments named "F"/);
    assert.equal(fragments.problems[0].line, 3);
    assert.throws(() => buildRequestBody(fragments, fragments.operations[0]), RequestBodyError);
    const operations = readRequest('query A { me { id } }\nquery A { me { name } }\n');
    assert.match(operations.problems[0].message, /two operations named "A"/);
  });

  it('is what the runner sends: the exact JSON body reaches the server', async () => {
    const server = await startRecordingServer();
    try {
      const sent = body(SEVERAL, 'Pipe', { id: '301' });
      const token = { accessToken: 'a-token', obtainedAt: Date.now(), expiresAt: Date.now() + 60_000, refreshAt: Date.now() + 50_000 };
      const runner = new GraphQLRunner({ tokens: { acquire: async () => token, invalidate: async () => undefined }, http: axiosPost, allowedOrigins: [server.origin] });
      await runner.run({ endpoint: `${server.origin}/graphql`, ...sent });
      assert.equal(server.requests.length, 1);
      assert.deepEqual(JSON.parse(server.requests[0].body), { query: sent.query, variables: { id: '301' }, operationName: 'Pipe' });
    } finally {
      await server.close();
    }
  });
});

describe('choosing the operation to run', () => {
  const document = readRequest(SEVERAL);

  it('lists the operations with their kind, name, line and variables', () => {
    assert.deepEqual(
      document.operations.map(({ kind, name, line, variableNames, index }) => ({ kind, name, line, variableNames, index })),
      [
        { kind: 'query', name: 'Pipe', line: 2, variableNames: ['id'], index: 0 },
        { kind: 'mutation', name: 'CreateCard', line: 13, variableNames: ['input'], index: 1 },
      ],
    );
  });

  it('finds the operation under the cursor, up to and including its closing brace', () => {
    const mutationStart = SEVERAL.indexOf('mutation');
    assert.equal(operationAtOffset(document, SEVERAL.indexOf('pipe(id'))?.name, 'Pipe');
    assert.equal(operationAtOffset(document, mutationStart)?.name, 'CreateCard');
    assert.equal(operationAtOffset(document, document.operations[1].span.end)?.name, 'CreateCard');
  });

  it('finds none between operations or inside a fragment when the file has several', () => {
    assert.equal(operationAtOffset(document, SEVERAL.indexOf('fragment PhaseFields')), undefined);
    assert.equal(operationAtOffset(document, 0), undefined);
  });

  it('takes the only operation of a file wherever the cursor is', () => {
    const single = readRequest('# comment\n\nquery Me { me { id } }\n\nfragment X on User { id }\n');
    assert.equal(operationAtOffset(single, 0)?.name, 'Me');
    assert.equal(operationAtOffset(single, single.text.length)?.name, 'Me');
  });

  it('finds an operation by a line it covers, and by name', () => {
    assert.equal(operationAtLine(document, 2)?.name, 'Pipe');
    assert.equal(operationAtLine(document, 5)?.name, 'Pipe');
    assert.equal(operationAtLine(document, 14)?.name, 'CreateCard');
    assert.equal(operationAtLine(document, 8), undefined);
    assert.equal(operationAtLine(document, 999), undefined);
    assert.equal(operationByName(document, 'Nope'), undefined);
  });
});
