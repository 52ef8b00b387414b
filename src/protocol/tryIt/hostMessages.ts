import * as v from 'valibot';
/** Messages from the extension host to the Try It webview. The host is trusted; these are typed only. */
import type { AccountSummary, CodeSnippet, CopyTarget, FieldProblemView, RequestView, ResultView, TokenTimesView } from './views';

export type HostMessage =
  /** The answer to `ready`: everything the panel needs to redraw after it was hidden or reloaded. */
  | {
      readonly type: 'init';
      readonly accounts: readonly AccountSummary[];
      readonly busy: boolean;
      readonly result?: ResultView;
      /** An account the panel was asked to open with (e.g. from the status bar); wins over saved state. */
      readonly selectAccountId?: string;
    }
  | { readonly type: 'accounts'; readonly accounts: readonly AccountSummary[] }
  | { readonly type: 'select'; readonly accountId: string }
  | {
      readonly type: 'preview';
      readonly request: RequestView;
      readonly snippets: readonly CodeSnippet[];
      /** Why the token endpoint cannot be used as typed, shown next to the field while typing. */
      readonly endpointProblem?: string;
    }
  | { readonly type: 'busy'; readonly busy: boolean }
  | { readonly type: 'result'; readonly result: ResultView }
  /** The shared cache changed this account's token (refreshed or cleared elsewhere). */
  | { readonly type: 'tokenTimes'; readonly accountId: string; readonly token?: TokenTimesView }
  | { readonly type: 'saved'; readonly account: AccountSummary; readonly accounts: readonly AccountSummary[] }
  | { readonly type: 'saveFailed'; readonly message: string; readonly problems: readonly FieldProblemView[] }
  | { readonly type: 'copied'; readonly what: CopyTarget };

export type HostMessageType = HostMessage['type'];

const HOST_MESSAGE_TYPES = [
  'init',
  'accounts',
  'select',
  'preview',
  'busy',
  'result',
  'tokenTimes',
  'saved',
  'saveFailed',
  'copied',
] as const satisfies readonly HostMessageType[];

/** The envelope: a known type; the host is trusted for the rest, and other keys are its message's own. */
const HostEnvelopeSchema = v.looseObject({ type: v.picklist(HOST_MESSAGE_TYPES) });

/** The webview only checks the envelope: anything else posted into its window is ignored. */
export function isHostMessage(value: unknown): value is HostMessage {
  return v.is(HostEnvelopeSchema, value);
}
