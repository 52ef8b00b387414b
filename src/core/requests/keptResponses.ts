/**
 * Older responses, kept so a History row can show its run's response again after its tab closed:
 * the last `count` runs' responses, at most `bytes` in all, redacted on the way in like the rest
 * of the history. Which are kept is decided from the history alone, newest first, so a response
 * goes when its entry goes.
 */
import * as v from 'valibot';
import type { ResponseDocumentContent } from './responseDocument';

/** What the lenses above a response say: how the run went, each GraphQL error, a cut body. */
export interface ResponseHeadline {
  readonly summary: string;
  readonly clean: boolean;
  readonly errors: readonly string[];
  /** What the errors most likely mean and what to do. */
  readonly advice?: readonly string[];
  readonly truncation?: string;
  /** After a 429: until when requests to the origin are held. */
  readonly lockout?: string;
  /** A note under the summary: a resumed run's document that leaves out the pages before a reload. */
  readonly note?: string;
}

/** A response as the view shows it, and as it is kept to show again. */
export interface KeptResponse {
  readonly title: string;
  readonly content: Pick<ResponseDocumentContent, 'text' | 'language'>;
  readonly headline: ResponseHeadline;
}

/** Where a history entry's response is kept, and its size there. */
export interface KeptResponseRef {
  readonly id: string;
  readonly bytes: number;
}

export interface KeepLimits {
  readonly count: number;
  readonly bytes: number;
}

/** All kept responses together stay under this, whatever the count allows. */
export const MAX_KEPT_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * A response longer than this is shown only while its tab is open: redacting and writing it would
 * compete with the editor opening it (a 9.3 MB response took the bench's large-response ratio from
 * about 1.2 to 1.47).
 */
export const MAX_KEPT_RESPONSE_CHARS = 2 * 1024 * 1024;

/** Whether a run's response is kept at all: keeping is on, and the response is not too long to keep. */
export function keepsResponse(response: KeptResponse, keepCount: number): boolean {
  return keepCount > 0 && response.content.text.length <= MAX_KEPT_RESPONSE_CHARS;
}

/** The ids of the responses to keep: the newest entries' first, while both limits hold. */
export function responsesToKeep(history: ReadonlyArray<{ readonly keptResponse?: KeptResponseRef }>, limits: KeepLimits): Set<string> {
  const keep = new Set<string>();
  let bytes = 0;
  for (const { keptResponse } of history) {
    if (!keptResponse || keep.size >= limits.count) continue;
    if (bytes + keptResponse.bytes > limits.bytes) continue;
    bytes += keptResponse.bytes;
    keep.add(keptResponse.id);
  }
  return keep;
}

/** A response on its way into storage: every text the server wrote passes the redactor. */
export function redactKeptResponse(response: KeptResponse, redact: (text: string) => string): KeptResponse {
  const { headline } = response;
  return {
    title: redact(response.title),
    content: { text: redact(response.content.text), language: response.content.language },
    headline: {
      summary: redact(headline.summary),
      clean: headline.clean,
      errors: headline.errors.map(redact),
      ...(headline.advice && { advice: headline.advice.map(redact) }),
      ...(headline.truncation && { truncation: redact(headline.truncation) }),
      ...(headline.lockout && { lockout: redact(headline.lockout) }),
      ...(headline.note && { note: redact(headline.note) }),
    },
  };
}

const KeptResponseSchema = v.object({
  title: v.string(),
  content: v.object({ text: v.string(), language: v.picklist(['json', 'plaintext']) }),
  headline: v.object({
    summary: v.string(),
    clean: v.boolean(),
    errors: v.array(v.string()),
    advice: v.optional(v.array(v.string())),
    truncation: v.optional(v.string()),
    lockout: v.optional(v.string()),
    note: v.optional(v.string()),
  }),
});

/** A kept response read back: anything else (a file cut short, another version's shape) is no response. */
export function parseKeptResponse(text: string): KeptResponse | undefined {
  try {
    const parsed = v.safeParse(KeptResponseSchema, JSON.parse(text));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}
