import assert from 'node:assert/strict';
import { printSchema } from 'graphql';
import { INTROSPECTION_OPERATION_NAME, INTROSPECTION_QUERY } from '../../../../src/core/schema/introspectionQuery';
import { SchemaError, schemaFromIntrospection } from '../../../../src/core/schema/schemaFromIntrospection';
import { Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { sandboxSchema } from '../../../fixtures/sandbox/schema';
import { introspectSandbox } from './introspectSandbox';

function schemaErrorOf(input: unknown): SchemaError {
  try {
    schemaFromIntrospection(input);
  } catch (error) {
    assert.ok(error instanceof SchemaError, `a SchemaError, got ${String(error)}`);
    return error;
  }
  assert.fail('a schema was built');
}

describe('Schema from introspection', () => {
  let sandbox: Sandbox;
  let responseText: string;

  before(async () => {
    sandbox = await startSandbox();
    const response = await introspectSandbox(sandbox);
    assert.equal(response.status, 200);
    responseText = response.bodyText;
  });
  after(() => sandbox.close());

  it('sends the standard introspection query by name, with the token', () => {
    const [sent] = sandbox.requests.filter((r) => r.path === '/graphql');
    assert.deepEqual(JSON.parse(sent.body), { query: INTROSPECTION_QUERY, variables: {}, operationName: INTROSPECTION_OPERATION_NAME });
    assert.match(sent.authorization ?? '', /^Bearer \S+$/);
  });

  it('builds the sandbox schema from its introspection response, the same schema the sandbox serves', () => {
    const { schema, typeCount, introspection } = schemaFromIntrospection(responseText);
    assert.equal(printSchema(schema), printSchema(sandboxSchema));
    assert.deepEqual(Object.keys(schema.getQueryType()?.getFields() ?? {}).slice(0, 2), ['me', 'organizations']);
    // The sandbox's own types and the five built-in scalars, without the `__` introspection types.
    const own = Object.keys(sandboxSchema.getTypeMap()).filter((name) => !name.startsWith('__'));
    assert.equal(typeCount, own.length);
    assert.ok(introspection.__schema.types.length > typeCount);
  });

  it('reads back what is cached ({ __schema }), as text or parsed', () => {
    const { introspection } = schemaFromIntrospection(responseText);
    const again = schemaFromIntrospection(JSON.stringify(introspection));
    assert.equal(printSchema(again.schema), printSchema(sandboxSchema));
    assert.equal(printSchema(schemaFromIntrospection(JSON.parse(responseText)).schema), printSchema(sandboxSchema));
  });

  describe('says clearly what is wrong with a malformed introspection result', () => {
    it('text that is not JSON, quoting how it starts', () => {
      const error = schemaErrorOf('<!DOCTYPE html><html>502 Bad Gateway</html>');
      assert.equal(error.code, 'not_json');
      assert.match(error.message, /not JSON/);
      assert.match(error.message, /starts with "<!DOCTYPE html>/);
      assert.match(error.hint, /Fetch Schema/);
    });

    it('JSON cut off in the middle', () => {
      assert.equal(schemaErrorOf(responseText.slice(0, responseText.length / 2)).code, 'not_json');
    });

    it('JSON that is not an object', () => {
      const error = schemaErrorOf('[1, 2]');
      assert.equal(error.code, 'no_schema');
      assert.match(error.message, /an array, not a JSON object/);
      assert.match(schemaErrorOf('null').message, /null/);
    });

    it('an object without __schema', () => {
      const error = schemaErrorOf({ data: { me: { id: '1' } } });
      assert.equal(error.code, 'no_schema');
      assert.match(error.message, /no "__schema"/);
    });

    it('GraphQL errors instead of data (introspection refused), quoting them', () => {
      const error = schemaErrorOf({ errors: [{ message: 'Introspection is disabled' }, { message: 'Try again' }] });
      assert.equal(error.code, 'graphql_errors');
      assert.match(error.message, /Introspection is disabled; Try again/);
    });

    it('a __schema that does not describe a valid schema', () => {
      const error = schemaErrorOf({ data: { __schema: { queryType: { name: 'Query' }, types: [] } } });
      assert.equal(error.code, 'invalid_schema');
      assert.match(error.message, /does not describe a valid schema/);
      assert.match(error.message, /Query/);
    });
  });
});
