import assert from 'node:assert/strict';
import { exportItems } from '../../../../src/core/requests/itemExport';

const CARDS = [
  { id: '1', title: 'First', current_phase: { name: 'Open' }, fields: [{ name: 'Priority', value: 'High' }] },
  { id: '2', title: 'Second, with "quotes"', current_phase: null, fields: [{ name: 'Amount', value: '12' }, { name: 'Priority', value: null }] },
];

describe('Exporting the items of a Run All Pages run', () => {
  it('writes JSON as one array and NDJSON as one item per line, in order', () => {
    const texts = CARDS.map((card) => JSON.stringify(card));
    assert.deepEqual(JSON.parse(exportItems(texts, 'json')), CARDS);
    const lines = exportItems(texts, 'ndjson').split('\n');
    assert.deepEqual([lines.slice(0, 2).map((line) => JSON.parse(line) as unknown), lines[2]], [CARDS, '']);
    assert.deepEqual(JSON.parse(exportItems([], 'json')), []);
  });

  it('writes CSV with a column per card field name and per nested value, quoting what needs it', () => {
    assert.equal(
      exportItems(CARDS.map((card) => JSON.stringify(card)), 'csv'),
      'id,title,current_phase.name,Priority,current_phase,Amount\r\n' + '1,First,Open,High,,\r\n' + '2,"Second, with ""quotes""",,,,12\r\n',
    );
  });

  it('spreads only a list of {name, value} into columns; other lists stay JSON in their cell, other items a value', () => {
    const items = [{ fields: [{ name: 'A' }] }, { fields: [['name', 'A']] }, { fields: 'plain' }, 'text'];
    assert.equal(
      exportItems(items.map((item) => JSON.stringify(item)), 'csv'),
      'fields,value\r\n' + '"[{""name"":""A""}]",\r\n' + '"[[""name"",""A""]]",\r\n' + 'plain,\r\n' + ',text\r\n',
    );
  });
});
