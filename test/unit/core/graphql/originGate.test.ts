import assert from 'node:assert/strict';
import { describeHeld, describeLockout, withLockouts } from '../../../../src/core/graphql/lockoutView';
import { type Admission, type GateTimers, OriginGate, lockoutFrom } from '../../../../src/core/graphql/originGate';
import type { IndicatorView } from '../../../../src/core/token/indicatorView';

const T0 = Date.UTC(2026, 10, 29, 12);
const API = 'https://api.pipefy.com';
const APP = 'https://app.pipefy.com';
const WINDOW = 30_000;
const clockTime = (epochMs: number) => new Date(epochMs).toISOString().slice(11, 19);

/** Time moves only when the test says; due timers fire in order. */
class FakeTimers implements GateTimers {
  time = T0;
  private nextId = 0;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.nextId;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** Lets resolved admissions reach their awaiting code. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Admissions as they come, for asserting what got through by when. */
function track(promise: Promise<Admission>): { admission?: Admission } {
  const box: { admission?: Admission } = {};
  void promise.then((admission) => (box.admission = admission));
  return box;
}

/** Read through a call, so an earlier assertion's narrowing does not stick to a value that changes. */
const kindOf = (box: { admission?: Admission }) => box.admission?.kind;

async function admitted(gate: OriginGate, origin = API) {
  const admission = await gate.admit(origin, { requestsPerWindow: 3 });
  assert.equal(admission.kind, 'admitted');
  return admission.kind === 'admitted' ? admission.slot : assert.fail();
}

describe('OriginGate: pacing per origin (fake clock)', () => {
  let timers: FakeTimers;
  let gate: OriginGate;

  beforeEach(() => {
    timers = new FakeTimers();
    gate = new OriginGate(timers, WINDOW);
  });

  it('sends at once below the limit; a full window of unanswered requests waits with no time known', async () => {
    const slots = [await admitted(gate), await admitted(gate), await admitted(gate)];
    assert.deepEqual(gate.decide(API, timers.now()), { kind: 'wait', until: undefined });
    assert.deepEqual(gate.decide(APP, timers.now()), { kind: 'send' }, 'each origin has its own window');
    await timers.advance(2_000);
    gate.finish(slots[0], { status: 200 });
    // The answer came back at T0+2 s, so the request counts until one window after that.
    assert.deepEqual(gate.decide(API, timers.now()), { kind: 'wait', until: T0 + 2_000 + WINDOW });
  });

  it('lets waiting requests through in order as the window frees, and says how long each waited', async () => {
    const slots = [await admitted(gate), await admitted(gate), await admitted(gate)];
    const fourth = track(gate.admit(API, { requestsPerWindow: 3 }));
    const fifth = track(gate.admit(API, { requestsPerWindow: 3 }));
    await settle();
    assert.equal(fourth.admission, undefined);
    await timers.advance(1_000);
    gate.finish(slots[0], { status: 200 });
    await timers.advance(1_000);
    gate.finish(slots[1], { status: 200 });
    gate.finish(slots[2], { status: 200 });
    await timers.advance(WINDOW - 1_000 - 1);
    assert.equal(fourth.admission, undefined, 'a window after the first answer, less a millisecond');
    await timers.advance(1);
    assert.deepEqual(fourth.admission, { kind: 'admitted', slot: { origin: API }, waitedMs: WINDOW + 1_000 });
    assert.equal(fifth.admission, undefined, 'the fifth waits for the second answer to age out');
    await timers.advance(1_000);
    assert.deepEqual(fifth.admission, { kind: 'admitted', slot: { origin: API }, waitedMs: WINDOW + 2_000 });
  });

  it('a request that failed without an answer still counts: it may have reached the server', async () => {
    const slots = [await admitted(gate), await admitted(gate), await admitted(gate)];
    for (const slot of slots) gate.finish(slot, {});
    assert.equal(gate.decide(API, timers.now()).kind, 'wait');
    await timers.advance(WINDOW);
    assert.equal(gate.decide(API, timers.now()).kind, 'send');
  });

  it('a waiting request that is cancelled leaves the queue, and the next one takes its turn', async () => {
    const slots = [await admitted(gate), await admitted(gate), await admitted(gate)];
    const abort = new AbortController();
    const cancelled = track(gate.admit(API, { requestsPerWindow: 3, signal: abort.signal }));
    const next = track(gate.admit(API, { requestsPerWindow: 3 }));
    abort.abort();
    await settle();
    assert.deepEqual(cancelled.admission, { kind: 'cancelled' });
    gate.finish(slots[0], { status: 200 });
    await timers.advance(WINDOW);
    assert.equal(kindOf(next), 'admitted');
  });

  it('a cancelled waiter gives its place back: it takes no slot, and both requests behind it go as soon as two slots free', async () => {
    const slots = [await admitted(gate), await admitted(gate), await admitted(gate)];
    const abort = new AbortController();
    const cancelled = track(gate.admit(API, { requestsPerWindow: 3, signal: abort.signal }));
    const second = track(gate.admit(API, { requestsPerWindow: 3 }));
    const third = track(gate.admit(API, { requestsPerWindow: 3 }));
    gate.finish(slots[0], { status: 200 });
    gate.finish(slots[1], { status: 200 });
    // Cancelled while the timer for the first freed slot is pending, with itself first in line.
    abort.abort();
    await settle();
    assert.deepEqual(cancelled.admission, { kind: 'cancelled' }, 'at once, not when the window frees');
    await timers.advance(WINDOW);
    assert.deepEqual([kindOf(second), kindOf(third)], ['admitted', 'admitted']);
    assert.deepEqual(gate.decide(API, timers.now()), { kind: 'wait', until: undefined }, 'three in flight: the third slot and the two let through');
    abort.abort();
    assert.equal(gate.decide(API, timers.now()).kind, 'wait', 'a second abort changes nothing');
  });

  it('a signal aborted after its request was let through changes nothing: the slot is held until finish', async () => {
    const abort = new AbortController();
    const admission = await gate.admit(API, { requestsPerWindow: 1, signal: abort.signal });
    assert.equal(admission.kind, 'admitted');
    abort.abort();
    const waiting = track(gate.admit(API, { requestsPerWindow: 1 }));
    await timers.advance(WINDOW * 2);
    assert.equal(waiting.admission, undefined, 'the first request is still in flight');
    if (admission.kind === 'admitted') gate.finish(admission.slot, { status: 200 });
    await timers.advance(WINDOW);
    assert.equal(kindOf(waiting), 'admitted');
  });

  it('an already aborted signal is refused at once, without a slot', async () => {
    const abort = new AbortController();
    abort.abort();
    assert.deepEqual(await gate.admit(API, { requestsPerWindow: 1, signal: abort.signal }), { kind: 'cancelled' });
    assert.deepEqual(gate.decide(API, timers.now()), { kind: 'send' });
  });

  it('the latest limit applies: raising it lets waiting requests through at once', async () => {
    await admitted(gate);
    await admitted(gate);
    await admitted(gate);
    const waiting = track(gate.admit(API, { requestsPerWindow: 3 }));
    await settle();
    assert.equal(waiting.admission, undefined);
    const raised = await gate.admit(API, { requestsPerWindow: 5 });
    await settle();
    assert.equal(raised.kind, 'admitted');
    assert.equal(kindOf(waiting), 'admitted');
  });
});

describe('OriginGate: the lockout after a 429 (fake clock)', () => {
  let timers: FakeTimers;
  let gate: OriginGate;

  beforeEach(() => {
    timers = new FakeTimers();
    gate = new OriginGate(timers, WINDOW);
  });

  it('a 429 without Retry-After holds the origin for 5 minutes; other origins are not held', async () => {
    let changes = 0;
    gate.onDidChangeLockouts(() => changes++);
    const slot = await admitted(gate);
    await timers.advance(500);
    const lockout = gate.finish(slot, { status: 429 });
    const expected = { origin: API, since: T0 + 500, until: T0 + 500 + 300_000, source: 'assumed' };
    assert.deepEqual(lockout, expected);
    assert.equal(changes, 1);
    assert.deepEqual(gate.decide(API, timers.now()), { kind: 'blocked', lockout: expected });
    assert.deepEqual(await gate.admit(API), { kind: 'held', lockout: expected });
    assert.deepEqual(gate.decide(APP, timers.now()), { kind: 'send' });
    assert.deepEqual(gate.lockouts(timers.now()), [expected]);
    await timers.advance(300_000 - 1);
    assert.equal(gate.decide(API, timers.now()).kind, 'blocked');
    await timers.advance(1);
    assert.equal(gate.decide(API, timers.now()).kind, 'send');
    assert.deepEqual(gate.lockouts(timers.now()), []);
  });

  it('Retry-After in seconds or as an HTTP date sets the end', () => {
    assert.deepEqual(lockoutFrom(API, 429, '30', T0), { origin: API, since: T0, until: T0 + 30_000, source: 'retry-after' });
    const date = new Date(T0 + 120_000).toUTCString();
    assert.deepEqual(lockoutFrom(API, 429, date, T0), { origin: API, since: T0, until: T0 + 120_000, source: 'retry-after' });
    assert.equal(lockoutFrom(API, 429, 'soon', T0)?.source, 'assumed', 'a Retry-After that means nothing is as good as none');
    assert.equal(lockoutFrom(API, 503, '30', T0), undefined, 'only a 429 locks the origin out');
  });

  it('send anyway goes through a lockout; any answer but a 429 ends it', async () => {
    gate.finish(await admitted(gate), { status: 429 });
    const anyway = await gate.admit(API, { sendAnyway: true });
    assert.equal(anyway.kind, 'admitted');
    let changes = 0;
    gate.onDidChangeLockouts(() => changes++);
    if (anyway.kind === 'admitted') gate.finish(anyway.slot, { status: 200 });
    assert.equal(changes, 1);
    assert.deepEqual(gate.lockouts(timers.now()), []);
    assert.equal((await gate.admit(API)).kind, 'admitted');
  });

  it('requests waiting for pacing when a 429 arrives are held, not sent', async () => {
    const slots = [await admitted(gate), await admitted(gate), await admitted(gate)];
    const waiting = track(gate.admit(API, { requestsPerWindow: 3 }));
    const anyway = track(gate.admit(API, { requestsPerWindow: 3, sendAnyway: true }));
    gate.finish(slots[0], { status: 429, retryAfter: '60' });
    await settle();
    assert.equal(kindOf(waiting), 'held');
    assert.equal(anyway.admission, undefined, 'send anyway still waits for room in the window');
    await timers.advance(WINDOW);
    assert.equal(kindOf(anyway), 'admitted');
    void slots;
  });

  it('a later 429 with a shorter Retry-After does not shorten the hold', async () => {
    gate.finish(await admitted(gate), { status: 429 });
    const anyway = await gate.admit(API, { sendAnyway: true });
    if (anyway.kind === 'admitted') gate.finish(anyway.slot, { status: 429, retryAfter: '10' });
    assert.equal(gate.lockouts(timers.now())[0].until, T0 + 300_000);
  });
});

describe('What the user reads about a lockout', () => {
  const assumed = { origin: API, since: T0, until: T0 + 300_000, source: 'assumed' as const };
  const told = { origin: API, since: T0, until: T0 + 30_000, source: 'retry-after' as const };
  const format = (epochMs: number) => clockTime(epochMs);

  it('the 429 response says until when requests are held, and why that long', () => {
    assert.equal(
      describeLockout(assumed, T0, format),
      "Requests to https://api.pipefy.com are held until 12:05:00 (no Retry-After, so Pipefy's 5-minute block is assumed): each one sent earlier could prolong the block.",
    );
    assert.match(describeLockout(told, T0, format), /held until 12:00:30 \(Retry-After: 30 s\)/);
  });

  it('a held request says when the 429 came, until when, and how long is left', () => {
    assert.equal(
      describeHeld(assumed, T0 + 60_000, format),
      "https://api.pipefy.com answered 429 (rate limit) at 12:00:00 and is blocked until 12:05:00 (in 04:00; no Retry-After, so Pipefy's 5-minute block is assumed). Each request sent before then could prolong the block.",
    );
  });

  it('the status-bar tooltip gets a row per locked-out origin and a redraw when the first one ends', () => {
    const view: IndicatorView = { text: 'x', tooltip: { heading: 'h', rows: [['Account', 'prod']], footer: 'f' }, nextTickMs: 60_000 };
    const other = { origin: APP, since: T0, until: T0 + 20_000, source: 'retry-after' as const };
    const shown = withLockouts(view, [assumed, other], T0, format);
    assert.deepEqual(shown.tooltip.rows, [
      ['Account', 'prod'],
      ['Rate limited', "until 12:05:00 (no Retry-After, so Pipefy's 5-minute block is assumed), requests are held to https://api.pipefy.com"],
      ['Rate limited', 'until 12:00:20 (Retry-After: 20 s), requests are held to https://app.pipefy.com'],
    ]);
    assert.equal(shown.nextTickMs, 20_000);
    assert.equal(withLockouts(view, [assumed], T0 + 300_000, format), view, 'an ended lockout shows nothing');
  });
});
