import assert from 'node:assert/strict';
import { readPage } from '../../../../src/core/requests/pageAnswer';
import type { Pagination } from '../../../../src/core/requests/pagination';

const CURSOR: Pagination = { kind: 'cursor', cursorVariable: 'after', connectionPath: ['pipe', 'cards'], items: 'edges' };
const NUMBERED: Pagination = { kind: 'pageNumber', pageVariable: 'page', connectionPath: ['cardSearch'], items: { list: 'cards' }, nextPageField: 'next_page' };

/** A 200 answer with this JSON body and no errors. */
const answer = (json: unknown) => ({ status: 200, json, errors: [] });

describe('Run All Pages: reading one page of an answer', () => {
  it('takes the nodes of a connection\'s edges, whether another page follows, and the endCursor', () => {
    const json = { data: { pipe: { cards: { edges: [{ node: { id: '1' } }, { node: { id: '2' } }, 'not an edge'], pageInfo: { hasNextPage: true, endCursor: 'c2' } } } } };
    assert.deepEqual(readPage(answer(json), CURSOR), { items: [{ id: '1' }, { id: '2' }, undefined], hasNextPage: true, next: 'c2' });
    const nodes = { data: { pipe: { cards: { nodes: [{ id: '3' }], pageInfo: { hasNextPage: false } } } } };
    assert.deepEqual(readPage(answer(nodes), { ...CURSOR, items: 'nodes' }), { items: [{ id: '3' }], hasNextPage: false, next: null }, 'no endCursor reads as none');
    const oddCursor = { data: { pipe: { cards: { edges: [], pageInfo: { hasNextPage: true, endCursor: 42 } } } } };
    assert.deepEqual(readPage(answer(oddCursor), CURSOR), { items: [], hasNextPage: true, next: null }, 'a cursor that is not a string is none');
  });

  it('says where a connection\'s answer falls short, in the words the user sees', () => {
    const problem = (json: unknown, pagination = CURSOR) => {
      const read = readPage(answer(json), pagination);
      return 'problem' in read ? read.problem : undefined;
    };
    assert.equal(problem(undefined), 'The answer has no pipe.cards connection (it stops before "pipe").');
    assert.equal(problem({ data: null }), 'The answer has no pipe.cards connection (it stops before "pipe").');
    assert.equal(problem({ data: { pipe: [] } }), 'The answer has no pipe.cards connection (it stops before "cards").');
    assert.equal(problem({ data: { pipe: { cards: null } } }), 'The answer has no pipe.cards connection.');
    assert.equal(problem({ data: { pipe: { cards: [] } } }), 'The answer has no pipe.cards connection.');
    assert.equal(problem({ data: { pipe: { cards: { edges: [] } } } }), 'pipe.cards has no pageInfo.hasNextPage.');
    assert.equal(problem({ data: { pipe: { cards: { edges: 'x', pageInfo: { hasNextPage: 'yes' } } } } }), 'pipe.cards has no pageInfo.hasNextPage.');
    assert.equal(problem({ data: { pipe: { cards: { pageInfo: { hasNextPage: false } } } } }), 'pipe.cards has no edges list.');
    assert.equal(problem({ data: { pipe: { cards: { nodes: {}, pageInfo: { hasNextPage: false } } } } }, { ...CURSOR, items: 'nodes' }), 'pipe.cards has no nodes list.');
  });

  it('puts a failed answer\'s own problem or first error first', () => {
    const withErrors = { status: 200, json: {}, errors: [{ message: 'Boom', code: 'INTERNAL_SERVER_ERROR' }, { message: 'Also' }, { message: 'And' }] };
    assert.deepEqual(readPage(withErrors, CURSOR), { problem: 'INTERNAL_SERVER_ERROR: Boom (and 2 more errors)' });
    const refused = { status: 429, json: undefined, errors: [], problem: { code: 'rate_limited' as const, message: 'The API rate limit was hit (429).', hint: '' } };
    assert.deepEqual(readPage(refused, CURSOR), { problem: 'The API rate limit was hit (429).' });
  });

  it('reads numbered pages: the list, and the next page\'s number or null after the last', () => {
    assert.deepEqual(readPage(answer({ data: { cardSearch: { cards: [{ id: '1' }], next_page: 2 } } }), NUMBERED), { items: [{ id: '1' }], hasNextPage: true, next: 2 });
    assert.deepEqual(readPage(answer({ data: { cardSearch: { cards: [], next_page: null } } }), NUMBERED), { items: [], hasNextPage: false, next: null });
    const problem = (json: unknown) => {
      const read = readPage(answer(json), NUMBERED);
      return 'problem' in read ? read.problem : undefined;
    };
    assert.equal(problem({ data: { cardSearch: null } }), 'The answer has no cardSearch list.');
    assert.equal(problem({ data: { cardSearch: { cards: [] } } }), 'cardSearch has no next_page (a page number, or null after the last page).');
    assert.equal(problem({ data: { cardSearch: { cards: [], next_page: 2.5 } } }), 'cardSearch has no next_page (a page number, or null after the last page).');
    assert.equal(problem({ data: { cardSearch: { next_page: null } } }), 'cardSearch has no cards list.');
  });
});
