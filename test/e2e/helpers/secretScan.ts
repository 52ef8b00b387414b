import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { Canary } from './leakCanaries';

/** Files are read in pieces of this size (with an overlap, so no match is lost at a seam). */
const CHUNK_BYTES = 8 * 1024 * 1024;

export interface ScannedFile {
  readonly file: string;
  readonly bytes: number;
}

export interface Leak {
  /** Where: a file path, or a browser storage location such as `indexedDB vscode-web-state-db-global/ItemTable`. */
  readonly where: string;
  /** The canary's origin, never its value. */
  readonly what: string;
  readonly encoding: string;
}

/**
 * The forms a value takes on disk or in storage: as is (UTF-8 and Latin-1 agree for the ASCII
 * values the tests use; escaped inside a JSON string or URL-encoded they are unchanged too),
 * UTF-16LE (Chromium's session files, V8 serialization), and base64 or base64url of the UTF-8
 * bytes at each of the three alignments a value can have inside a longer encoded blob.
 */
export function encodedForms(value: string): Array<{ encoding: string; bytes: Buffer }> {
  const forms = [
    { encoding: 'utf8', bytes: Buffer.from(value, 'utf8') },
    { encoding: 'utf16le', bytes: Buffer.from(value, 'utf16le') },
  ];
  const seen = new Set<string>();
  for (const text of base64Fragments(Buffer.from(value, 'utf8'))) {
    for (const [encoding, form] of [['base64', text], ['base64url', text.replace(/\+/g, '-').replace(/\//g, '_')]]) {
      if (seen.has(form)) continue;
      seen.add(form);
      forms.push({ encoding, bytes: Buffer.from(form, 'ascii') });
    }
  }
  return forms;
}

/**
 * The base64 characters that depend on `bytes` alone, when they follow 0, 1 or 2 other bytes:
 * a value inside a longer blob is encoded at any of these offsets, and the characters at its edges
 * mix in its neighbours' bits, so only the inner run is certain.
 */
function base64Fragments(bytes: Buffer): string[] {
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor(((shift + bytes.length) * 8) / 6);
    return encoded.slice(first, last);
  });
}

/** Every regular file under `roots` (recursively; symlinks are not followed), with its size. */
export function listFiles(roots: readonly string[]): ScannedFile[] {
  const files: ScannedFile[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) files.push({ file: full, bytes: fs.statSync(full).size });
    }
  };
  for (const root of roots) if (fs.existsSync(root)) visit(root);
  return files;
}

export interface FileScan {
  readonly leaks: Leak[];
  /** Files read to their end, and their bytes. */
  readonly files: number;
  readonly bytes: number;
}

/** Looks for each canary, in each of its encoded forms, in the whole of each file, binary files included. */
export function scanFiles(files: readonly ScannedFile[], canaries: readonly Canary[]): Leak[] {
  return scanFilesCounted(files, canaries).leaks;
}

export function scanFilesCounted(files: readonly ScannedFile[], canaries: readonly Canary[]): FileScan {
  const leaks: Leak[] = [];
  const forms = canaries.map((canary) => ({ canary, forms: encodedForms(canary.value) }));
  const overlap = Math.max(0, ...forms.flatMap(({ forms: encodings }) => encodings.map(({ bytes }) => bytes.length))) - 1;
  let scanned = 0;
  let bytes = 0;
  for (const { file } of files) {
    const found = new Set<string>();
    const read = readInChunks(file, overlap, (chunk) => {
      for (const { canary, forms: encodings } of forms) {
        for (const { encoding, bytes: needle } of encodings) {
          const key = `${canary.origin}\0${encoding}`;
          if (!found.has(key) && chunk.includes(needle)) {
            found.add(key);
            leaks.push({ where: file, what: canary.origin, encoding });
          }
        }
      }
    });
    if (read === undefined) continue;
    scanned++;
    bytes += read;
  }
  return { leaks, files: scanned, bytes };
}

/** Calls `look` on consecutive pieces of the file that overlap by `overlap` bytes; returns the bytes read. */
function readInChunks(file: string, overlap: number, look: (chunk: Buffer) => void): number | undefined {
  let handle: number | undefined;
  try {
    handle = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(CHUNK_BYTES + overlap);
    let kept = 0;
    let total = 0;
    for (;;) {
      const read = fs.readSync(handle, buffer, kept, CHUNK_BYTES, null);
      if (read === 0) break;
      total += read;
      const filled = kept + read;
      look(buffer.subarray(0, filled));
      kept = Math.min(overlap, filled);
      buffer.copy(buffer, 0, filled - kept, filled);
    }
    return total;
  } catch {
    // A file removed or locked while scanning (a log rotating) has nothing to show.
    return undefined;
  } finally {
    if (handle !== undefined) fs.closeSync(handle);
  }
}

/** One storage location of one frame's origin and its contents, flattened to text. */
export interface StorageDump {
  readonly where: string;
  readonly text: string;
}

/**
 * Everything the page's frames keep in browser storage: localStorage, sessionStorage and every
 * IndexedDB database of each frame's origin (the workbench's global and workspace state, the
 * secret store, webview state). Binary values are decoded as Latin-1 and UTF-16 both.
 */
export async function dumpBrowserStorage(page: Page): Promise<StorageDump[]> {
  const dumps: StorageDump[] = [];
  const seenOrigins = new Set<string>();
  for (const frame of page.frames()) {
    const origin = (await frame.evaluate('location.origin').catch(() => undefined)) as string | undefined;
    if (!origin || seenOrigins.has(origin)) continue;
    seenOrigins.add(origin);
    dumps.push(...(await dumpFrameStorage(frame, origin)));
  }
  return dumps;
}

/**
 * Runs in each frame. Plain JavaScript in a string: the test runner's TypeScript transform adds
 * helper calls (e.g. `__name`) to functions it compiles, which do not exist in the page.
 */
const DUMP_FRAME_STORAGE = String.raw`async () => {
  const out = [];
  const flatten = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      let latin1 = '';
      for (const byte of bytes) latin1 += String.fromCharCode(byte);
      return latin1 + '\n' + new TextDecoder('utf-16le').decode(bytes);
    }
    if (value instanceof Map) return flatten([...value.entries()]);
    if (value instanceof Set) return flatten([...value.values()]);
    if (Array.isArray(value)) return value.map(flatten).join('\n');
    if (value && typeof value === 'object') return Object.entries(value).map(([key, inner]) => key + ': ' + flatten(inner)).join('\n');
    return String(value);
  };
  for (const name of ['localStorage', 'sessionStorage']) {
    let storage;
    try {
      storage = globalThis[name];
    } catch {
      continue; // an opaque-origin frame has no storage of its own
    }
    if (!storage) continue;
    const lines = [];
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      lines.push(key + '=' + storage.getItem(key));
    }
    out.push({ where: name, text: lines.join('\n') });
  }
  let databases = [];
  try {
    databases = await indexedDB.databases();
  } catch {
    return out;
  }
  const settle = (request) => new Promise((resolve) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(undefined);
  });
  for (const info of databases) {
    if (!info.name) continue;
    const db = await new Promise((resolve) => {
      const request = indexedDB.open(info.name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
      // Opening must never create or upgrade a database the page did not make.
      request.onupgradeneeded = () => request.transaction.abort();
    });
    if (!db) continue;
    for (const storeName of [...db.objectStoreNames]) {
      const store = db.transaction(storeName, 'readonly').objectStore(storeName);
      const [keys, values] = await Promise.all([settle(store.getAllKeys()), settle(store.getAll())]);
      const lines = (keys || []).map((key, index) => flatten(key) + '=' + flatten((values || [])[index]));
      out.push({ where: 'indexedDB ' + info.name + '/' + storeName, text: lines.join('\n') });
    }
    db.close();
  }
  return out;
}`;

async function dumpFrameStorage(frame: Frame, origin: string): Promise<StorageDump[]> {
  try {
    const dumped = (await frame.evaluate(`(${DUMP_FRAME_STORAGE})()`)) as StorageDump[];
    return dumped.map((dump) => ({ where: `${origin} ${dump.where}`, text: dump.text }));
  } catch (error) {
    // A frame that went away meanwhile has nothing to dump; say so rather than pass silently.
    return [{ where: `${origin} (not dumped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, text: '' }];
  }
}

/** Looks for each canary in each storage dump. */
export function scanDumps(dumps: readonly StorageDump[], canaries: readonly Canary[]): Leak[] {
  return dumps.flatMap((dump) => canaries.filter((canary) => dump.text.includes(canary.value)).map((canary) => ({ where: dump.where, what: canary.origin, encoding: 'text' })));
}

/** A readable list for an assertion message: where and what, never the values. */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((leak) => `  ${leak.what} found in ${leak.where} (${leak.encoding})`).join('\n');
}
