import assert from 'node:assert/strict';
import type { GraphQLSchema } from 'graphql';
import { schemaFromIntrospection } from '../../../src/core/schema/schemaFromIntrospection';
import { languageModule as language } from '../../../src/language';
import type { TextPosition } from '../../../src/language/languageModule';
import { Sandbox, startSandbox } from '../../fixtures/sandbox';
import { introspectSandbox } from '../core/schema/introspectSandbox';

/** The text with `|` removed, and where it was: the cursor. */
function withCursor(marked: string): { text: string; position: TextPosition } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor with |');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), position: { line: before.length - 1, character: before[before.length - 1].length } };
}

function labelsAt(schema: GraphQLSchema, marked: string): string[] {
  const { text, position } = withCursor(marked);
  return language.completions(schema, text, position).map((item) => item.label);
}

describe('GraphQL language features (the lazily loaded bundle)', () => {
  let sandbox: Sandbox;
  let schema: GraphQLSchema;

  before(async () => {
    sandbox = await startSandbox();
    // Built the way Fetch Schema builds it: from the sandbox's answer to the introspection query.
    schema = language.loadSchema((await introspectSandbox(sandbox)).bodyText).schema;
  });
  after(() => sandbox.close());

  it('exposes the introspection query and the schema builder the host needs', () => {
    assert.match(language.introspectionQuery, new RegExp(`query ${language.introspectionOperationName}\\b`));
    assert.equal(language.loadSchema, schemaFromIntrospection);
  });

  describe('completion', () => {
    it('offers the query fields at the top level, me and organizations first', () => {
      const labels = labelsAt(schema, '{ | }');
      assert.deepEqual(labels.slice(0, 2), ['me', 'organizations']);
      assert.ok(labels.includes('pipe') && labels.includes('cards'));
    });

    it('offers the fields of the type in scope: User inside me', () => {
      const { text, position } = withCursor('{ me { | } }');
      const items = language.completions(schema, text, position);
      assert.deepEqual(items.map((item) => item.label).filter((label) => !label.startsWith('__')), ['id', 'name', 'email']);
      const email = items.find((item) => item.label === 'email');
      assert.equal(email?.detail, 'String!');
      assert.equal(email?.kind, 5, "LSP's CompletionItemKind.Field");
      assert.equal(email?.deprecated, false);
    });

    it('narrows to what was typed, and works in a named operation over several lines', () => {
      assert.deepEqual(labelsAt(schema, 'query Me {\n  me {\n    id\n  }\n  org|\n}').filter((l) => !l.startsWith('__')), ['organizations']);
    });

    it('offers arguments inside parentheses', () => {
      assert.deepEqual(labelsAt(schema, '{ cards(|) { edges { cursor } } }'), ['pipe_id', 'first', 'after', 'search']);
    });

    it('offers fields of a mutation payload', () => {
      assert.ok(labelsAt(schema, 'mutation($input: CreateCardInput!) { createCard(input: $input) { | } }').includes('card'));
    });
  });

  describe('hover', () => {
    it('shows the field, its type and its description', () => {
      const { text, position } = withCursor('{ m|e { id } }');
      const markdown = language.hover(schema, text, position);
      assert.match(markdown ?? '', /Query\.me: User/);
      assert.match(markdown ?? '', /The service account the token belongs to\./);
    });

    it('shows an argument', () => {
      const { text, position } = withCursor('{ pipe(i|d: "1") { id } }');
      assert.match(language.hover(schema, text, position) ?? '', /id: ID!/);
    });

    it('has nothing to say about white space', () => {
      const { text, position } = withCursor('{ me { id } }\n|\n');
      assert.equal(language.hover(schema, text, position), undefined);
    });
  });

  describe('diagnostics with a schema', () => {
    it('reports an unknown field where it is, with a suggestion', () => {
      const [problem, ...more] = language.diagnostics('{\n  me {\n    nmae\n  }\n}', schema);
      assert.deepEqual(more, []);
      assert.equal(problem.severity, 'error');
      assert.match(problem.message, /Cannot query field "nmae" on type "User"\. Did you mean "name"\?/);
      assert.deepEqual(problem.range.start, { line: 2, character: 4 });
      // The language service ends the range one past the word; VS Code clamps it to the line.
      assert.equal(problem.range.end.line, 2);
      assert.ok(problem.range.end.character >= 8);
    });

    it('reports a missing required argument and a wrong variable type', () => {
      const messages = language.diagnostics('query($id: Int) { pipe { id } other: pipe(id: $id) { id } }', schema).map((d) => d.message);
      assert.ok(messages.some((m) => /argument "id" of type "ID!" is required/.test(m)), messages.join('\n'));
      assert.ok(messages.some((m) => /Variable "\$id" of type "Int" used in position expecting type "ID!"/.test(m)), messages.join('\n'));
    });

    it('finds nothing wrong with the New GraphQL Request templates', () => {
      for (const query of [
        '{ me { id name email } }',
        '{ organizations { id name } }',
        'query($id: ID!) { pipe(id: $id) { id name phases { id name } } }',
        'query($pipeId: ID!) { cards(pipe_id: $pipeId, first: 50) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }',
        'mutation($input: CreateCardInput!) { createCard(input: $input) { card { id title } } }',
      ]) {
        assert.deepEqual(language.diagnostics(query, schema), [], query);
      }
    });
  });

  describe('diagnostics without a schema: syntax only', () => {
    it('accepts fields no schema knows of', () => {
      assert.deepEqual(language.diagnostics('{ me { nmae } }'), []);
    });

    it('reports a syntax error at its line and column', () => {
      const [problem, ...more] = language.diagnostics('query Me {\n  me { id }\n  organizations { id name \n');
      assert.deepEqual(more, []);
      assert.equal(problem.severity, 'error');
      assert.match(problem.message, /^Syntax Error: Expected Name, found <EOF>\.$/);
      assert.deepEqual(problem.range.start, { line: 3, character: 0 });
    });

    it('reports an unexpected character mid-line', () => {
      const [problem] = language.diagnostics('{ me { id ! } }');
      assert.match(problem.message, /Syntax Error: Expected Name, found "!"\./);
      assert.deepEqual(problem.range.start, { line: 0, character: 10 });
    });

    it('does not crash on an empty or binary-looking file', () => {
      assert.doesNotThrow(() => language.diagnostics(''));
      assert.doesNotThrow(() => language.diagnostics('\u0000\u0001\uFFFD{'));
    });
  });
});
