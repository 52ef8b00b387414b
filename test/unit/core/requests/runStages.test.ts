import assert from 'node:assert/strict';
import { StageClock, describeRunStages, parseRunStages } from '../../../../src/core/requests/runStages';

describe('the stages of a run', () => {
  it('times consecutive stages on one clock, a part of one counted under another', () => {
    let now = 1000;
    const clock = new StageClock(() => now);
    now += 900;
    clock.end('errors', { stage: 'transfer', ms: 700 });
    now += 150;
    clock.end('layout');
    now += 1200;
    clock.end('document');
    now += 300;
    clock.end('editor');
    assert.deepEqual(clock.result(), { transfer: 700, errors: 200, layout: 150, document: 1200, editor: 300, notification: 0 });
  });

  it('never counts more of a part than the stage took', () => {
    let now = 0;
    const clock = new StageClock(() => now);
    now += 10;
    clock.end('errors', { stage: 'transfer', ms: 25 });
    assert.equal(clock.result().transfer, 10);
    assert.equal(clock.result().errors, 0);
  });

  it('writes a log line that reads back the same, and finds none in other lines', () => {
    const times = { transfer: 640, errors: 81, layout: 212, document: 1403, editor: 297, notification: 2 };
    const line = `2026-11-29 18:00:00.000 [info] Large: ${describeRunStages(times)}.`;
    assert.match(line, /Large: stages: transfer 640 ms · errors 81 ms · layout 212 ms · document 1403 ms · editor 297 ms · notification 2 ms\.$/);
    assert.deepEqual(parseRunStages(line), times);
    assert.equal(parseRunStages('Large: 200 OK · 812 ms · 9.3 MB.'), undefined);
    assert.equal(parseRunStages('stages: transfer 640 ms'), undefined, 'a line without every stage');
  });
});
