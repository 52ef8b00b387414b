import assert from 'node:assert/strict';
import { type KeptResponse, MAX_KEPT_RESPONSE_CHARS, keepsResponse, parseKeptResponse, redactKeptResponse, responsesToKeep } from '../../../../src/core/requests/keptResponses';
import { historyEntry, parseHistory } from '../../../../src/core/requests/requestHistory';

const ref = (id: string, bytes: number) => ({ keptResponse: { id, bytes } });

describe('kept responses: which stay, and what is stored', () => {
  it('keeps the newest runs\' responses up to the count', () => {
    const history = [ref('a', 10), {}, ref('b', 10), ref('c', 10)];
    assert.deepEqual([...responsesToKeep(history, { count: 2, bytes: 1000 })], ['a', 'b']);
    assert.deepEqual([...responsesToKeep(history, { count: 0, bytes: 1000 })], []);
  });

  it('stays under the byte bound, skipping one too large rather than dropping the newer ones', () => {
    const history = [ref('a', 400), ref('big', 900), ref('c', 500), ref('d', 200)];
    assert.deepEqual([...responsesToKeep(history, { count: 50, bytes: 1000 })], ['a', 'c']);
  });

  it('keeps nothing when keeping is off, nor a response too long to write without holding up the run', () => {
    const response = (chars: number): KeptResponse => ({ title: 'T', content: { text: 'x'.repeat(chars), language: 'plaintext' }, headline: { summary: 's', clean: true, errors: [] } });
    assert.equal(keepsResponse(response(10), 50), true);
    assert.equal(keepsResponse(response(10), 0), false);
    assert.equal(keepsResponse(response(MAX_KEPT_RESPONSE_CHARS), 1), true);
    assert.equal(keepsResponse(response(MAX_KEPT_RESPONSE_CHARS + 1), 50), false);
  });

  it('every text the server wrote passes the redactor, the body included', () => {
    const response: KeptResponse = {
      title: 'Response · Me',
      content: { text: '{"echo":"tok-123"}', language: 'json' },
      headline: { summary: '200 OK', clean: false, errors: ['bad tok-123'], advice: ['use tok-123'], lockout: 'held, tok-123' },
    };
    const stored = JSON.stringify(redactKeptResponse(response, (text) => text.replaceAll('tok-123', '«redacted»')));
    assert.doesNotMatch(stored, /tok-123/);
    assert.deepEqual(parseKeptResponse(stored)?.headline.errors, ['bad «redacted»']);
  });

  it('reads back only what it wrote: a file cut short or of another shape is no response', () => {
    const response: KeptResponse = { title: 'T', content: { text: '{}', language: 'plaintext' }, headline: { summary: 's', clean: true, errors: [] } };
    assert.deepEqual(parseKeptResponse(JSON.stringify(response)), response);
    assert.equal(parseKeptResponse(JSON.stringify(response).slice(0, 20)), undefined);
    assert.equal(parseKeptResponse(JSON.stringify({ ...response, content: { text: 1 } })), undefined);
  });

  it('a history entry keeps its response\'s id and size; an id that is not one the store writes is dropped', () => {
    const base = { at: 1, accountLabel: 'A', endpoint: 'https://api.pipefy.com/graphql', operationName: 'Me', outcome: 'ok' as const, errorCount: 0, errors: [] };
    const id = '6f1c2d9e-4b1a-4c3e-9f2a-1b2c3d4e5f60';
    assert.deepEqual(historyEntry({ ...base, keptResponse: { id, bytes: 12 } }, (t) => t).keptResponse, { id, bytes: 12 });
    assert.deepEqual(parseHistory([{ ...base, keptResponse: { id, bytes: 12 } }])[0].keptResponse, { id, bytes: 12 });
    assert.equal(parseHistory([{ ...base, keptResponse: { id: '../../secrets', bytes: 12 } }])[0].keptResponse, undefined);
  });
});
