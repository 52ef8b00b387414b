import { formatBytes } from '../http/byteSize';
import { layoutResponseJson } from './jsonLayout';

/**
 * What the response view shows. A JSON body is laid out to read and fold
 * (formatted, or compact when long: see jsonLayout.ts). The view
 * stays under what VS Code still treats as an ordinary document: over 20 MiB or 300,000 lines a
 * model is "too large for tokenization", and the editor then drops its CodeLenses, which carry the
 * view's status, errors and this very notice. A longer body is cut at a line end, and the view
 * says so.
 */
export interface ShownLimits {
  readonly chars: number;
  readonly lines: number;
}

export const RESPONSE_VIEW_LIMITS: ShownLimits = { chars: 16 * 1024 * 1024, lines: 250_000 };

export interface ResponseDocumentContent {
  readonly text: string;
  /** json for a JSON body shown whole; plaintext otherwise (HTML error pages, cut bodies). */
  readonly language: 'json' | 'plaintext';
  /** Set when the view shows only the first part of the body. */
  readonly truncation?: { readonly shownChars: number; readonly totalChars: number; readonly message: string };
}

/** `isJson`: JSON.parse took `bodyText` (the runner parsed it), so the layout need not check it again. */
export function responseDocumentContent(bodyText: string, isJson: boolean, limits: ShownLimits = RESPONSE_VIEW_LIMITS): ResponseDocumentContent {
  const text = (isJson && layoutResponseJson(bodyText)) || bodyText;
  const end = shownEnd(text, limits);
  if (end === text.length) return { text, language: isJson ? 'json' : 'plaintext' };
  const shown = text.slice(0, end);
  const lines = shown.split('\n').length;
  const message =
    `The response body is ${formatBytes(bodyText.length)}, too long to show whole; the view shows its first ` +
    `${formatBytes(end)} (${lines.toLocaleString('en-US')} lines), as text. Ask for fewer items per page to see all of it.`;
  return { text: shown, language: 'plaintext', truncation: { shownChars: end, totalChars: text.length, message } };
}

/** Where the shown part ends: the whole text, or the last line end within both limits (the limit itself for one long line). */
function shownEnd(text: string, limits: ShownLimits): number {
  let end = 0;
  for (let line = 0; line < limits.lines; line++) {
    const next = text.indexOf('\n', end);
    const lineEnd = next < 0 ? text.length : next + 1;
    if (lineEnd > limits.chars) return end > 0 ? end : limits.chars;
    if (next < 0) return text.length;
    end = lineEnd;
  }
  return end;
}
