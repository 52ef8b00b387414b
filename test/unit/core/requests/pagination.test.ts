import assert from 'node:assert/strict';
import { readRequest } from './readRequest';

const paginationOf = (text: string) => readRequest(text).operations.map((operation) => operation.pagination);

describe('Paginated operations: which ones Run All Pages can follow', () => {
  it('finds the connection that takes $after and selects pageInfo { hasNextPage endCursor } and edges { node }', () => {
    const [pagination] = paginationOf(`query Cards($pipeId: ID!, $after: String) {
      cards(pipe_id: $pipeId, first: 50, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`);
    assert.deepEqual(pagination, { cursorVariable: 'after', connectionPath: ['cards'], items: 'edges' });
  });

  it('takes $cursor too, follows aliases and nesting, and reads nodes { } as the items', () => {
    const [pagination] = paginationOf(`query ($cursor: String) {
      pipe(id: "3") { tickets: allCards(pipeId: "3", after: $cursor) { nodes { id } pageInfo { endCursor hasNextPage } } }
    }`);
    assert.deepEqual(pagination, { cursorVariable: 'cursor', connectionPath: ['pipe', 'tickets'], items: 'nodes' });
  });

  it('looks into fragments and inline fragments for pageInfo and the items', () => {
    const [pagination] = paginationOf(`query Cards($after: String) {
      cards(pipe_id: "1", after: $after) { ...Page }
    }
    fragment Page on CardConnection { ... on CardConnection { edges { node { id } } } pageInfo { ...Info } }
    fragment Info on PageInfo { hasNextPage endCursor }`);
    assert.deepEqual(pagination, { cursorVariable: 'after', connectionPath: ['cards'], items: 'edges' });
  });

  it('is not found without a full pageInfo, without items, with a required or unused cursor, or in a mutation', () => {
    const cases = [
      'query ($after: String) { cards(pipe_id: "1", after: $after) { edges { node { id } } pageInfo { hasNextPage } } }',
      'query ($after: String) { cards(pipe_id: "1", after: $after) { pageInfo { hasNextPage endCursor } } }',
      'query ($after: String!) { cards(pipe_id: "1", after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      'query ($after: String) { cards(pipe_id: "1") { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      'query ($page: String) { cards(pipe_id: "1", after: $page) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      'mutation ($after: String) { cards(pipe_id: "1", after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      'query Me { me { id } }',
    ];
    for (const text of cases) assert.deepEqual(paginationOf(text), [undefined], text);
  });
});
