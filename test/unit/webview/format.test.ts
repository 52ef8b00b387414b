import assert from 'node:assert/strict';
import { formatDuration, formatRequest, formatStatus } from '../../../webview/tryIt/format';

describe('Try It formatting', () => {
  it('formats time in whole milliseconds', () => {
    assert.equal(formatDuration(12.6), '13 ms');
  });

  it('names well-known statuses and shows others as numbers', () => {
    assert.equal(formatStatus(200), '200 OK');
    assert.equal(formatStatus(401), '401 Unauthorized');
    assert.equal(formatStatus(429), '429 Too Many Requests');
    assert.equal(formatStatus(299), '299');
  });

  it('writes the request as an HTTP message', () => {
    const text = formatRequest({
      method: 'POST',
      url: 'https://app.pipefy.com/oauth/token',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=a&client_secret=«redacted»',
    });
    assert.equal(
      text,
      'POST https://app.pipefy.com/oauth/token\nAccept: application/json\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=a&client_secret=«redacted»',
    );
  });
});
