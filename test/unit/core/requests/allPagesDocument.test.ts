import assert from 'node:assert/strict';
import { type AllPagesSummary, allPagesDocumentText } from '../../../../src/core/requests/collectedItems';
import { responseDocumentContent } from '../../../../src/core/requests/responseDocument';
import { BIG_PIPE_ID, HUGE_PIPE_CARDS, HUGE_PIPE_ID, PipefyData } from '../../../fixtures/sandbox/pipefyData';

const SUMMARY: AllPagesSummary = { operation: 'AllCards', end: 'complete', pages: 2_000, items: HUGE_PIPE_CARDS, durationMs: 95_000, message: 'Complete' };

/** A pipe's cards as Run All Pages keeps them: the JSON text of each node the bench's query asks for. */
function cardTexts(pipeId: string): string[] {
  const pipe = new PipefyData().pipes.get(pipeId);
  assert.ok(pipe);
  return pipe.cards.map((card) =>
    JSON.stringify({ id: card.id, title: card.title, current_phase: { name: pipe.phases.find((phase) => phase.id === card.phaseId)?.name }, fields: card.fields ?? [] }),
  );
}

interface HeadAndTail {
  itemsShown: string;
  items: Array<{ id: string }>;
  itemsLeftOut: number;
  lastItems: Array<{ id: string }>;
}

describe('The Run All Pages result document', () => {
  it('holds every item, one per line, when the view can show them all', () => {
    assert.equal(allPagesDocumentText(SUMMARY, ['{"id":"1"}', '{"id":"2"}']), `{"runAllPages":${JSON.stringify(SUMMARY)},"items":[\n{"id":"1"},\n{"id":"2"}\n]}\n`);
    assert.equal(allPagesDocumentText(SUMMARY, []), `{"runAllPages":${JSON.stringify(SUMMARY)},"items":[]}\n`);
  });

  it('holds all 10,000 cards of the big pipe, and the view shows them whole, as JSON', () => {
    const cards = cardTexts(BIG_PIPE_ID);
    const text = allPagesDocumentText(SUMMARY, cards);
    assert.equal(text, `{"runAllPages":${JSON.stringify(SUMMARY)},"items":[\n${cards.join(',\n')}\n]}\n`);
    const shown = responseDocumentContent(text, true);
    assert.deepEqual([shown.truncation, shown.language], [undefined, 'json']);
  });

  it('of 100,000 cards gives the first and the last ones with the count between, and the view shows that whole, as JSON', () => {
    const cards = cardTexts(HUGE_PIPE_ID);
    const text = allPagesDocumentText(SUMMARY, cards);
    const shown = responseDocumentContent(text, true);
    assert.deepEqual([shown.truncation?.message, shown.language], [undefined, 'json']);

    const document = JSON.parse(text) as HeadAndTail;
    const ids = cards.map((card) => (JSON.parse(card) as { id: string }).id);
    const first = document.items.map((item) => item.id);
    const last = document.lastItems.map((item) => item.id);
    assert.ok(first.length > 1_000 && last.length > 1_000, `${first.length} first and ${last.length} last cards shown`);
    assert.deepEqual(first, ids.slice(0, first.length));
    assert.deepEqual(last, ids.slice(ids.length - last.length));
    assert.equal(document.itemsLeftOut, HUGE_PIPE_CARDS - first.length - last.length);
    const count = (value: number) => value.toLocaleString('en-US');
    assert.equal(
      document.itemsShown,
      `The first ${count(first.length)} and the last ${count(last.length)} of 100,000 items; the ${count(document.itemsLeftOut)} between them are too many for this view. Export writes every item.`,
    );
  });

  it('of 300,000 short items, each a line of its own, gives the first and the last ones too', () => {
    const items = Array.from({ length: 300_000 }, (_, index) => String(index));
    const text = allPagesDocumentText(SUMMARY, items);
    assert.equal(responseDocumentContent(text, true).truncation?.message, undefined);
    const document = JSON.parse(text) as { items: number[]; lastItems: number[] };
    assert.deepEqual([document.items[0], document.lastItems.at(-1)], [0, 299_999]);
  });

  it('keeps to the limits it is given, for items of any shape', () => {
    const limits = { chars: 40_000, lines: 1_500 };
    const items = Array.from({ length: 3_000 }, (_, index) =>
      JSON.stringify(index % 3 ? { id: index, tags: ['a', 'b', { deep: [index, index + 1] }], note: 'x'.repeat(index % 90) } : index),
    );
    const text = allPagesDocumentText(SUMMARY, items, limits);
    const document = JSON.parse(text) as { items: unknown[]; lastItems: unknown[] };
    assert.ok(document.items.length > 0 && document.lastItems.length > 0);
    assert.equal(responseDocumentContent(text, true, limits).truncation?.message, undefined);
  });
});
