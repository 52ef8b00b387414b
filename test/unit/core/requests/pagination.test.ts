import assert from 'node:assert/strict';
import { type Pagination, pageSizeProblem } from '../../../../src/core/requests/pagination';
import { readRequest } from './readRequest';

const paginationOf = (text: string) => readRequest(text).operations.map((operation) => operation.pagination);

describe('Paginated operations: which ones Run All Pages can follow', () => {
  it('finds the connection that takes $after and selects pageInfo { hasNextPage endCursor } and edges { node }', () => {
    const [pagination] = paginationOf(`query Cards($pipeId: ID!, $after: String) {
      cards(pipe_id: $pipeId, first: 50, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`);
    assert.deepEqual(pagination, { kind: 'cursor', cursorVariable: 'after', connectionPath: ['cards'], items: 'edges' });
  });

  it('takes $cursor too, follows aliases and nesting, and reads nodes { } as the items', () => {
    const [pagination] = paginationOf(`query ($cursor: String) {
      pipe(id: "3") { tickets: allCards(pipeId: "3", after: $cursor) { nodes { id } pageInfo { endCursor hasNextPage } } }
    }`);
    assert.deepEqual(pagination, { kind: 'cursor', cursorVariable: 'cursor', connectionPath: ['pipe', 'tickets'], items: 'nodes' });
  });

  it('looks into fragments and inline fragments for pageInfo and the items', () => {
    const [pagination] = paginationOf(`query Cards($after: String) {
      cards(pipe_id: "1", after: $after) { ...Page }
    }
    fragment Page on CardConnection { ... on CardConnection { edges { node { id } } } pageInfo { ...Info } }
    fragment Info on PageInfo { hasNextPage endCursor }`);
    assert.deepEqual(pagination, { kind: 'cursor', cursorVariable: 'after', connectionPath: ['cards'], items: 'edges' });
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

  it('keeps a cards search filter out of the way: the connection is found whatever other arguments it takes', () => {
    const [pagination] = paginationOf(`query ($pipeId: ID!, $after: String, $search: CardSearch) {
      cards(pipe_id: $pipeId, first: 50, after: $after, search: $search) { edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`);
    assert.deepEqual(pagination, { kind: 'cursor', cursorVariable: 'after', connectionPath: ['cards'], items: 'edges' });
  });

  it('knows table_records caps a page at 200, and notes how the query gives first', () => {
    const records = (first: string, definitions = '') =>
      paginationOf(`query ($after: String${definitions}) {
        table_records(table_id: "401"${first}, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
      }`)[0];
    const connection = { kind: 'cursor', cursorVariable: 'after', connectionPath: ['table_records'], items: 'edges' };
    const cap = { field: 'table_records', max: 200, noun: 'records' };
    assert.deepEqual(records(', first: 100'), { ...connection, pageSize: { ...cap, first: { value: 100 } } });
    assert.deepEqual(records(', first: $size', ', $size: Int = 300'), { ...connection, pageSize: { ...cap, first: { variable: 'size', defaultValue: 300 } } });
    assert.deepEqual(records(''), { ...connection, pageSize: cap });
  });

  it('finds numbered pages: a pagination: {page: $page} argument and a next_page (or nextPage) beside the items', () => {
    const [search] = paginationOf(`query ($pipeId: ID!, $page: Int!) {
      cardSearch(pipe_id: $pipeId, pagination: {page: $page, perPage: 50}) { cards { id title } next_page total_count }
    }`);
    assert.deepEqual(search, { kind: 'pageNumber', pageVariable: 'page', connectionPath: ['cardSearch'], items: { list: 'cards' }, nextPageField: 'next_page' });
    const [nested] = paginationOf(`query ($p: Int) {
      org: organization(id: "1") { found: search(pagination: {perPage: 10, page: $p}) { ...Page } }
    }
    fragment Page on SearchPage { nodes { id } nextPage }`);
    assert.deepEqual(nested, { kind: 'pageNumber', pageVariable: 'p', connectionPath: ['org', 'found'], items: 'nodes', nextPageField: 'nextPage' });
  });

  it('takes the Relay connection when a query has both', () => {
    const [pagination] = paginationOf(`query ($after: String, $page: Int) {
      a: cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } next_page }
      b: cards(pipe_id: "3", after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
    }`);
    assert.equal(pagination?.kind, 'cursor');
  });

  it('finds no numbered pages without an Int page variable, a next page field, or one clear list of items', () => {
    const cases = [
      'query { cardSearch(pipe_id: "3", pagination: {page: 1}) { cards { id } next_page } }',
      'query ($page: String) { cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } next_page } }',
      'query ($page: Int) { cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } total_count } }',
      'query ($page: Int) { cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } pipe { id } next_page } }',
      'query ($page: Int) { cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } more: next_page } }',
      'query ($page: Int) { cardSearch(pipe_id: "3", page: $page) { cards { id } next_page } }',
      'query ($pagination: PaginationInput) { cardSearch(pipe_id: "3", pagination: $pagination) { cards { id } next_page } }',
      'mutation ($page: Int) { cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } next_page } }',
    ];
    for (const text of cases) assert.deepEqual(paginationOf(text), [undefined], text);
  });
});

describe('Run All Pages: a page larger than Pipefy gives is not sent', () => {
  const capped = (first?: NonNullable<Extract<Pagination, { kind: 'cursor' }>['pageSize']>['first']): Pagination => ({
    kind: 'cursor',
    cursorVariable: 'after',
    connectionPath: ['table_records'],
    items: 'edges',
    pageSize: { field: 'table_records', max: 200, noun: 'records', first },
  });

  it('refuses first over the cap, from the query, the variables or the variable\'s default', () => {
    assert.equal(pageSizeProblem(capped({ value: 201 }), {}), 'table_records gives at most 200 records per page, and the query asks for first: 201. Ask for 200 or fewer; nothing was sent.');
    assert.match(pageSizeProblem(capped({ variable: 'first' }), { first: 500 }) ?? '', /asks for first: 500 \(the "first" variable\)/);
    assert.match(pageSizeProblem(capped({ variable: 'first', defaultValue: 250 }), {}) ?? '', /first: 250/);
  });

  it('lets through the cap itself, less, a variable left null, no first at all, and uncapped connections', () => {
    assert.equal(pageSizeProblem(capped({ value: 200 }), {}), undefined);
    assert.equal(pageSizeProblem(capped({ variable: 'first', defaultValue: 500 }), { first: 50 }), undefined, 'the variables win over the default');
    assert.equal(pageSizeProblem(capped({ variable: 'first' }), { first: null }), undefined);
    assert.equal(pageSizeProblem(capped(), {}), undefined);
    assert.equal(pageSizeProblem({ kind: 'cursor', cursorVariable: 'after', connectionPath: ['cards'], items: 'edges' }, { first: 5000 }), undefined);
  });
});
