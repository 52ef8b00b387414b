import assert from 'node:assert/strict';
import { formatLifetime, parseLifetime } from '../../../../src/core/accounts/lifetimeText';

describe('lifetime text in the account prompts', () => {
  it('reads seconds, and numbers with s, m, h or d in either case', () => {
    assert.equal(parseLifetime('300'), 300);
    assert.equal(parseLifetime(' 300s '), 300);
    assert.equal(parseLifetime('90m'), 5400);
    assert.equal(parseLifetime('12H'), 43200);
    assert.equal(parseLifetime('30d'), 2592000);
    assert.equal(parseLifetime('1.5h'), 5400);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'soon', '-5m', '5 weeks', '5w', 'm']) assert.equal(parseLifetime(text), undefined, text);
  });

  it('writes a lifetime in its largest whole unit, and reads back what it wrote', () => {
    assert.equal(formatLifetime(2592000), '30d');
    assert.equal(formatLifetime(43200), '12h');
    assert.equal(formatLifetime(300), '5m');
    assert.equal(formatLifetime(301), '301');
    for (const seconds of [301, 300, 5400, 90000, 2592000]) assert.equal(parseLifetime(formatLifetime(seconds)), seconds);
  });
});
