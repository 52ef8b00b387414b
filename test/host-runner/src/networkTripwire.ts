import { AsyncLocalStorage } from 'node:async_hooks';
import * as net from 'node:net';

export interface NetworkAttempt {
  /** `host:port` for a TCP connection, the URL for fetch(). */
  target: string;
  /**
   * The label of the traced() call this attempt descends from, if any. Attribution follows the
   * async context, not the call stack: VS Code's proxy support resolves a proxy asynchronously
   * before it connects, so the stack at connect time no longer shows who asked.
   */
  source?: string;
  /** For the failure message. */
  stack: string;
  at: number;
}

export interface NetworkTripwire {
  attempts: readonly NetworkAttempt[];
  /** Runs `work` so that every attempt it causes, however late, carries `source`. */
  traced<T>(source: string, work: () => T): T;
}

function captureStack(): string {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  Error.captureStackTrace(holder, captureStack);
  Error.stackTraceLimit = limit;
  return holder.stack ?? '';
}

function describeTarget(args: unknown[]): string | undefined {
  // net.connect() passes its already-normalized arguments as one array.
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { port?: unknown; host?: unknown; path?: unknown };
    // Node treats any truthy `path` as a pipe; HTTP agents pass `path: null`.
    if (options.path) return undefined;
    return `${String(options.host ?? 'localhost')}:${String(options.port)}`;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  }
  return undefined; // a pipe or Unix socket: the extension host's own plumbing
}

/**
 * Records every outgoing TCP connection and fetch() in this extension host from now on, so tests
 * can check what an extension's activation did on the network.
 */
export function installNetworkTripwire(): NetworkTripwire {
  const attempts: NetworkAttempt[] = [];
  const context = new AsyncLocalStorage<string>();
  const record = (target: string) => attempts.push({ target, source: context.getStore(), stack: captureStack(), at: Date.now() });

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const target = describeTarget(args);
    if (target) record(target);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;

  const originalFetch = globalThis.fetch;
  if (originalFetch) {
    globalThis.fetch = function (input: Parameters<typeof fetch>[0], init?: RequestInit) {
      record(input instanceof Request ? input.url : String(input));
      return originalFetch(input, init);
    } as typeof fetch;
  }
  return { attempts, traced: (source, work) => context.run(source, work) };
}
