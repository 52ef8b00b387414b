import assert from 'node:assert/strict';
import { EXPORT_CHUNK_CHARS, EXPORT_FORMATS, type ExportFormat, exportChunks, exportItems } from '../../../../src/core/requests/itemExport';

describe('Exporting in chunks, for a file written as a stream', () => {
  // Commas, quotes, line breaks, CRLF, emoji and non-ASCII, an item that is null and one that is a
  // number: each expected text below is what exportItems wrote before exports were chunked.
  const ITEMS = [
    { id: '1', title: 'Rocket 🚀, "launch"', fields: [{ name: 'Notes', value: 'line one\nline two' }, { name: 'Owner', value: 'Zoë' }] },
    { id: '2', title: 'Plain', current_phase: { name: 'Done, really' }, fields: [{ name: 'Notes', value: 'CR\r\nLF' }], tags: ['a', 'b'] },
    null,
    42,
  ].map((item) => JSON.stringify(item));
  const EXPECTED: Record<ExportFormat, string> = {
    json:
      '[\n{"id":"1","title":"Rocket 🚀, \\"launch\\"","fields":[{"name":"Notes","value":"line one\\nline two"},{"name":"Owner","value":"Zoë"}]},\n' +
      '{"id":"2","title":"Plain","current_phase":{"name":"Done, really"},"fields":[{"name":"Notes","value":"CR\\r\\nLF"}],"tags":["a","b"]},\nnull,\n42\n]\n',
    ndjson:
      '{"id":"1","title":"Rocket 🚀, \\"launch\\"","fields":[{"name":"Notes","value":"line one\\nline two"},{"name":"Owner","value":"Zoë"}]}\n' +
      '{"id":"2","title":"Plain","current_phase":{"name":"Done, really"},"fields":[{"name":"Notes","value":"CR\\r\\nLF"}],"tags":["a","b"]}\nnull\n42\n',
    csv:
      'id,title,Notes,Owner,current_phase.name,tags,value\r\n' +
      '1,"Rocket 🚀, ""launch""","line one\nline two",Zoë,,,\r\n' +
      '2,Plain,"CR\r\nLF",,"Done, really","[""a"",""b""]",\r\n' +
      ',,,,,,\r\n' +
      ',,,,,,42\r\n',
  };
  const EMPTY: Record<ExportFormat, string> = { json: '[]\n', ndjson: '', csv: '\r\n' };

  for (const format of EXPORT_FORMATS) {
    it(`joins into the very text of the whole ${format} export, for a few items and for none`, () => {
      assert.equal([...exportChunks(ITEMS, format)].join(''), EXPECTED[format]);
      assert.equal(exportItems(ITEMS, format), EXPECTED[format]);
      assert.equal([...exportChunks([], format)].join(''), EMPTY[format]);
    });
  }

  it('cuts a large export into chunks of about EXPORT_CHUNK_CHARS, each ending at the end of a line', () => {
    const cards = Array.from({ length: 5_000 }, (_, index) =>
      JSON.stringify({ id: String(index), title: `Card ${index}, "${'x'.repeat(index % 40)}" 🚀`, fields: [{ name: 'N', value: `a\nb ${index}` }] }),
    );
    for (const format of EXPORT_FORMATS) {
      const chunks = [...exportChunks(cards, format)];
      const whole = chunks.join('');
      assert.ok(chunks.length > 3, `${format}: ${chunks.length} chunks for ${whole.length} characters`);
      for (const chunk of chunks.slice(0, -1)) {
        assert.ok(chunk.length >= EXPORT_CHUNK_CHARS && chunk.length < EXPORT_CHUNK_CHARS + 1_000, `${format}: a chunk of ${chunk.length} characters`);
        assert.ok(chunk.endsWith('\n'), `${format}: a chunk ends inside a line`);
      }
      if (format === 'ndjson') assert.equal(whole, cards.map((card) => `${card}\n`).join(''));
      if (format === 'json') assert.deepEqual(JSON.parse(whole), cards.map((card) => JSON.parse(card) as unknown));
      if (format === 'csv') assert.equal(whole.split('\r\n').length, cards.length + 2);
    }
  });
});
