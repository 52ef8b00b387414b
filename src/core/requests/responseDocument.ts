import { layoutJson } from './jsonLayout';
import { formatBytes } from '../http/byteSize';

/**
 * What the response view shows (SPEC §3 F, §4.7). A JSON body is laid out for folding; a body
 * over the limit is cut, and the view says so, since the editor slows down long before the
 * runner's own 64 MB cap.
 */
export const MAX_SHOWN_CHARS = 50 * 1024 * 1024;

export interface ResponseDocumentContent {
  readonly text: string;
  /** json for a JSON body shown whole; plaintext otherwise (HTML error pages, cut bodies). */
  readonly language: 'json' | 'plaintext';
  /** Set when the view shows only the first part of the body. */
  readonly truncation?: { readonly shownChars: number; readonly totalChars: number; readonly message: string };
}

export function responseDocumentContent(bodyText: string, isJson: boolean, limit = MAX_SHOWN_CHARS): ResponseDocumentContent {
  if (bodyText.length > limit) {
    const message =
      `The response body is ${formatBytes(bodyText.length)}; the view shows only its first ${formatBytes(limit)}, ` +
      'as text. Ask for fewer items per page to see all of it.';
    return { text: bodyText.slice(0, limit), language: 'plaintext', truncation: { shownChars: limit, totalChars: bodyText.length, message } };
  }
  if (!isJson) return { text: bodyText, language: 'plaintext' };
  return { text: layoutJson(bodyText) ?? bodyText, language: 'json' };
}
