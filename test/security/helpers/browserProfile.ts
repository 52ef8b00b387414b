import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { listFiles, scanFiles, type Leak } from '../../e2e/helpers/secretScan';
import { uniqueSecret, type Canary } from '../../e2e/helpers/leakCanaries';
import { waitUntil } from '../../e2e/helpers/waitUntil';
import { callInFrame } from './webviewProbes';

/**
 * What an attacker with the disk would read of a Chromium profile, and the controls that prove
 * the reading works: a value planted in each encoded form is found, and the browser's
 * session-restore files hold the page's form state.
 */

/** Chromium's session-restore files (`Session_*`, `Tabs_*`): pages, history and form state. */
export function sessionsDir(profileDir: string): string {
  return path.join(profileDir, 'Default', 'Sessions');
}

/**
 * Waits until the browser has written `marker`, typed into a field whose value it saves as form
 * state, to its session files on disk (as UTF-16LE, the way it stores form state). Everything
 * typed before the marker was part of the page's form state when that state was written.
 */
export async function waitForFormStateOnDisk(profileDir: string, marker: string): Promise<string[]> {
  const canary: Canary = { value: marker, origin: 'the form-state marker' };
  return waitUntil(async () => {
    const files = scanFiles(listFiles([sessionsDir(profileDir)]), [canary]).filter((leak) => leak.encoding === 'utf16le');
    return files.length ? files.map((leak) => leak.where) : undefined;
  }, () => `the browser to write the marker typed into Try It to its session files under ${sessionsDir(profileDir)}`, 90_000);
}

export interface PlantedControl {
  readonly canary: Canary;
  /** The files planted, each holding the canary in one form. */
  readonly expected: ReadonlyArray<{ readonly where: string; readonly encoding: string }>;
}

/**
 * Writes a fresh value into the profile three times, once per form (UTF-8, UTF-16LE, base64 at an
 * odd offset), each inside bytes of its own, in a nested folder: a scan of the profile that does
 * not report all three cannot be trusted.
 */
export function plantControls(profileDir: string): PlantedControl {
  const canary: Canary = { value: uniqueSecret('planted-control'), origin: 'the planted control value' };
  const dir = path.join(profileDir, 'Default', 'planted-by-the-at-rest-test');
  fs.mkdirSync(dir, { recursive: true });
  const around = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 1, 2, 0xfe, 0x7f]), bytes, Buffer.from([0xff, 0, 3])]);
  const files = [
    { name: 'utf8.bin', encoding: 'utf8', bytes: around(Buffer.from(canary.value, 'utf8')) },
    { name: 'utf16le.bin', encoding: 'utf16le', bytes: around(Buffer.from(canary.value, 'utf16le')) },
    // One byte ahead of the value shifts its base64 by a third of a group.
    { name: 'base64.txt', encoding: 'base64', bytes: Buffer.from(`data=${Buffer.concat([Buffer.from([0x42]), Buffer.from(canary.value, 'utf8'), Buffer.from('tail')]).toString('base64')};`, 'ascii') },
  ];
  for (const file of files) fs.writeFileSync(path.join(dir, file.name), file.bytes);
  return { canary, expected: files.map((file) => ({ where: path.join(dir, file.name), encoding: file.encoding })) };
}

/** The control's findings, as `where (encoding)` lines, sorted: compare with its `expected`. */
export function describeFindings(leaks: readonly Leak[]): string[] {
  return leaks.map((leak) => `${leak.where} (${leak.encoding})`).sort();
}

/** One element of the page that takes part in forms, and whether Chromium saves its value as form state. */
export interface FormControl {
  readonly id: string;
  readonly tag: string;
  /** A form-associated custom element: its setFormValue state is saved whatever its autocomplete says. */
  readonly customElement: boolean;
  readonly savedAsFormState: boolean;
  readonly value: string;
}

/**
 * Every form control of the page, shadow roots included, with Chromium's rule for what it saves
 * for session restore: a form-associated custom element's state always; a native field's value
 * unless it is a password field or autocomplete is off.
 */
const FORM_CONTROLS = String.raw`() => {
  const out = [];
  const visit = (root) => {
    for (const element of root.querySelectorAll('*')) {
      const custom = element.constructor && element.constructor.formAssociated === true;
      const native = ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
      if (custom || native) {
        const autocompleteOff = (element.getAttribute('autocomplete') || '').toLowerCase() === 'off'
          || (element.form && (element.form.getAttribute('autocomplete') || '').toLowerCase() === 'off');
        const saved = custom || (!autocompleteOff && !(element.tagName === 'INPUT' && ['password', 'file'].includes(element.type)));
        out.push({ id: element.id || '', tag: element.tagName.toLowerCase(), customElement: custom, savedAsFormState: saved, value: typeof element.value === 'string' ? element.value : '' });
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return out;
}`;

export async function formControls(content: Frame): Promise<FormControl[]> {
  return callInFrame(content, FORM_CONTROLS);
}
