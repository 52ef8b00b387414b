import { parseRetryAfter } from '../oauth/tokenResponse';

/** Pipefy's published limit: about 500 requests per 30 seconds. */
export const PIPEFY_REQUESTS_PER_WINDOW = 500;
export const RATE_WINDOW_MS = 30_000;
/** How long Pipefy blocks a caller that went over, when its 429 does not say. */
export const ASSUMED_LOCKOUT_MS = 5 * 60_000;

/** An origin that answered 429, and until when the extension holds requests to it. */
export interface Lockout {
  readonly origin: string;
  /** Epoch ms at which the 429 came back. */
  readonly since: number;
  readonly until: number;
  /** `retry-after`: the server said how long; `assumed`: it did not, so Pipefy's 5-minute block is assumed. */
  readonly source: 'retry-after' | 'assumed';
}

export type GateDecision =
  | { readonly kind: 'send' }
  /** Pacing: the window is full. `until` is when a slot frees; undefined while every slot is still awaiting its answer. */
  | { readonly kind: 'wait'; readonly until?: number }
  | { readonly kind: 'blocked'; readonly lockout: Lockout };

/** A request let through the gate; give it back with `finish` once its answer (or failure) is in. */
export interface GateSlot {
  readonly origin: string;
}

export type Admission =
  | { readonly kind: 'admitted'; readonly slot: GateSlot; readonly waitedMs: number }
  | { readonly kind: 'held'; readonly lockout: Lockout }
  | { readonly kind: 'cancelled' };

export interface AdmitOptions {
  /** The pacing limit per window; the latest value given for an origin applies to everyone waiting on it. */
  readonly requestsPerWindow?: number;
  /** Send even though the origin is locked out (pacing still applies). */
  readonly sendAnyway?: boolean;
  readonly signal?: AbortSignal;
}

/** The gate's view of time; tests drive it by hand. */
export interface GateTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemGateTimers: GateTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // A pending pacing timer must not keep a process (a test run, the bench) alive on its own.
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The lockout a response starts: a 429 blocks its origin for Retry-After (seconds or an HTTP date), else 5 minutes. */
export function lockoutFrom(origin: string, status: number, retryAfter: string | undefined, now: number): Lockout | undefined {
  if (status !== 429) return undefined;
  const seconds = parseRetryAfter(retryAfter, now);
  return seconds === undefined
    ? { origin, since: now, until: now + ASSUMED_LOCKOUT_MS, source: 'assumed' }
    : { origin, since: now, until: now + seconds * 1000, source: 'retry-after' };
}

interface Waiter {
  readonly options: AdmitOptions;
  readonly queuedAt: number;
  settle(admission: Admission): void;
}

class OriginState {
  inFlight = 0;
  /** When each finished request stops counting against the window, oldest first. */
  readonly releases: number[] = [];
  readonly waiters: Waiter[] = [];
  limit = PIPEFY_REQUESTS_PER_WINDOW;
  lockout?: Lockout;
  timer?: unknown;
}

/**
 * One gate per extension host, shared by every GraphQL request, keyed by origin. It keeps each
 * origin under its rate limit and holds requests to an origin that answered 429.
 *
 * Pacing counts a request against the window from the moment it is sent until one window after
 * its answer came back. The server saw it somewhere in between, so whatever the network's delays,
 * no window the server measures can hold more requests than the limit. Waiting requests are let
 * through in the order they arrived.
 *
 * A 429 locks the origin until its Retry-After, or for 5 minutes when there is none (Pipefy's
 * block, which a request sent during it may prolong). Until then a request is held, not sent,
 * unless the caller asks to send anyway. Any other answer from the origin ends the lockout: the
 * server is evidently answering again.
 */
export class OriginGate {
  private readonly origins = new Map<string, OriginState>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly timers: GateTimers = systemGateTimers,
    readonly windowMs = RATE_WINDOW_MS,
  ) {}

  /** What a request to `origin` would meet at `now`. Pure: it changes nothing. */
  decide(origin: string, now: number, options: Pick<AdmitOptions, 'sendAnyway'> = {}): GateDecision {
    const state = this.origins.get(origin);
    if (!state) return { kind: 'send' };
    if (state.lockout && now < state.lockout.until && !options.sendAnyway) return { kind: 'blocked', lockout: state.lockout };
    const { releases } = state;
    const firstCounted = firstAfter(releases, now);
    const busy = state.inFlight + releases.length - firstCounted;
    if (busy < state.limit) return { kind: 'send' };
    // The window has room again once enough of the finished requests have aged out of it.
    const index = firstCounted + busy - state.limit;
    return { kind: 'wait', until: index < releases.length ? releases[index] : undefined };
  }

  /** Lets a request through now, after waiting its turn, or not at all (held or cancelled). */
  admit(origin: string, options: AdmitOptions = {}): Promise<Admission> {
    const state = this.stateOf(origin);
    if (options.requestsPerWindow !== undefined) state.limit = Math.max(1, Math.floor(options.requestsPerWindow));
    if (options.signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
    const now = this.timers.now();
    if (state.waiters.length === 0) {
      // The common case, below the limit: no promise chain beyond the caller's own await.
      const immediate = this.tryAdmit(origin, state, options, now, now);
      if (immediate) return Promise.resolve(immediate);
    }
    return new Promise<Admission>((resolve) => {
      const onAbort = () => {
        const index = state.waiters.indexOf(waiter);
        if (index < 0) return;
        state.waiters.splice(index, 1);
        resolve({ kind: 'cancelled' });
        this.pump(origin);
      };
      const waiter: Waiter = {
        options,
        queuedAt: now,
        settle: (admission) => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(admission);
        },
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      state.waiters.push(waiter);
      this.pump(origin);
    });
  }

  /**
   * Gives the slot back once the answer is in. `status` is the HTTP status, or undefined when no
   * answer came (the request still counts: it may have reached the server). Returns the lockout a
   * 429 started.
   */
  finish(slot: GateSlot, answer: { readonly status?: number; readonly retryAfter?: string }): Lockout | undefined {
    const state = this.stateOf(slot.origin);
    const now = this.timers.now();
    state.inFlight = Math.max(0, state.inFlight - 1);
    insertSorted(state.releases, now + this.windowMs);
    let lockout: Lockout | undefined;
    if (answer.status !== undefined) {
      lockout = lockoutFrom(slot.origin, answer.status, answer.retryAfter, now);
      if (lockout && lockout.until > now) {
        if (!state.lockout || lockout.until >= state.lockout.until) state.lockout = lockout;
        this.changed();
      } else if (!lockout && state.lockout) {
        state.lockout = undefined;
        this.changed();
      }
    }
    this.pump(slot.origin);
    return lockout;
  }

  /** Origins locked out at `now`, soonest lifted first. */
  lockouts(now: number): Lockout[] {
    return [...this.origins.values()]
      .flatMap((state) => (state.lockout && state.lockout.until > now ? [state.lockout] : []))
      .sort((a, b) => a.until - b.until);
  }

  /** Called when a lockout starts or ends early; returns a function that unsubscribes. */
  onDidChangeLockouts(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private stateOf(origin: string): OriginState {
    let state = this.origins.get(origin);
    if (!state) this.origins.set(origin, (state = new OriginState()));
    return state;
  }

  private tryAdmit(origin: string, state: OriginState, options: AdmitOptions, now: number, queuedAt: number): Admission | undefined {
    const decision = this.decide(origin, now, options);
    if (decision.kind === 'blocked') return { kind: 'held', lockout: decision.lockout };
    if (decision.kind === 'wait') return undefined;
    state.releases.splice(0, firstAfter(state.releases, now));
    state.inFlight++;
    return { kind: 'admitted', slot: { origin }, waitedMs: now - queuedAt };
  }

  /** Lets waiting requests through in order while the window has room, and sets a timer for the next slot. */
  private pump(origin: string): void {
    const state = this.stateOf(origin);
    if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
    state.timer = undefined;
    const now = this.timers.now();
    while (state.waiters.length) {
      const waiter = state.waiters[0];
      const admission = this.tryAdmit(origin, state, waiter.options, now, waiter.queuedAt);
      if (!admission) {
        const { until } = this.decide(origin, now, waiter.options) as { until?: number };
        // Without a time, the next answer to come back frees a slot and pumps again.
        if (until !== undefined) state.timer = this.timers.setTimeout(() => this.pump(origin), Math.max(0, until - now));
        return;
      }
      state.waiters.shift();
      waiter.settle(admission);
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The index of the first value after `now` in an ascending list. */
function firstAfter(values: readonly number[], now: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] <= now) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(values: number[], value: number): void {
  let index = values.length;
  while (index > 0 && values[index - 1] > value) index--;
  values.splice(index, 0, value);
}
