/**
 * Messages from the Try It webview to the host, and the guards the host runs on every one of them
 * before acting (SPEC §4.5). A message that fails its guard is dropped whole: no partial effects.
 */
import { CLIENT_AUTH_MODES, type ClientAuthMode } from '../../core/accounts/account';
import { boundedString, exactObject, isBoolean, literal, oneOf, optional, taggedUnion, type Check } from '../messageChecks';
import { COPY_TARGETS, type CopyTarget } from './views';

/**
 * Upper bounds well above anything real (Pipefy labels are 20 characters, URLs rarely pass a few
 * hundred), low enough that a runaway or hostile page cannot push megabytes through the host.
 */
export const MESSAGE_LIMITS = {
  accountId: 128,
  url: 2048,
  clientId: 512,
  clientSecret: 4096,
  label: 200,
  description: 1000,
} as const;

/** The parts of an ad hoc request that are not secret. */
export interface AdHocFields {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly authMode: ClientAuthMode;
}

export type AccountTarget = { readonly kind: 'account'; readonly accountId: string };

/** A preview needs no secret: only whether one was typed, so the redacted placeholder shows. */
export type PreviewTarget = AccountTarget | (AdHocFields & { readonly kind: 'adhoc'; readonly secretEntered: boolean });

/** An ad hoc Send carries the typed secret once; a saved account's secret stays in the host. */
export type SendTarget = AccountTarget | (AdHocFields & { readonly kind: 'adhoc'; readonly clientSecret: string });

export interface SaveAccountDraft extends AdHocFields {
  readonly label: string;
  readonly description?: string;
  readonly graphqlEndpoint: string;
  readonly clientSecret: string;
}

export type WebviewMessage =
  /** The page (re)loaded and wants the current state. */
  | { readonly type: 'ready' }
  | { readonly type: 'preview'; readonly target: PreviewTarget }
  | { readonly type: 'send'; readonly target: SendTarget }
  | { readonly type: 'cancel' }
  | { readonly type: 'saveAccount'; readonly draft: SaveAccountDraft }
  | { readonly type: 'copy'; readonly what: CopyTarget }
  | { readonly type: 'showLogs' };

export type WebviewMessageType = WebviewMessage['type'];

const accountId = boundedString(MESSAGE_LIMITS.accountId, { nonEmpty: true });
const url = boundedString(MESSAGE_LIMITS.url);
const clientId = boundedString(MESSAGE_LIMITS.clientId);
const clientSecret = boundedString(MESSAGE_LIMITS.clientSecret);
const authMode = oneOf(CLIENT_AUTH_MODES);

const accountTarget = { kind: literal('account'), accountId };
const adHocFields = { tokenEndpoint: url, clientId, authMode };

const isPreviewTarget = taggedUnion('kind', {
  account: exactObject(accountTarget),
  adhoc: exactObject({ kind: literal('adhoc'), ...adHocFields, secretEntered: isBoolean }),
});

const isSendTarget = taggedUnion('kind', {
  account: exactObject(accountTarget),
  adhoc: exactObject({ kind: literal('adhoc'), ...adHocFields, clientSecret }),
});

const isSaveAccountDraft = exactObject({
  label: boundedString(MESSAGE_LIMITS.label),
  description: optional(boundedString(MESSAGE_LIMITS.description)),
  graphqlEndpoint: url,
  ...adHocFields,
  clientSecret,
});

const shapes: Readonly<Record<WebviewMessageType, Check>> = {
  ready: exactObject({ type: literal('ready') }),
  preview: exactObject({ type: literal('preview'), target: isPreviewTarget }),
  send: exactObject({ type: literal('send'), target: isSendTarget }),
  cancel: exactObject({ type: literal('cancel') }),
  saveAccount: exactObject({ type: literal('saveAccount'), draft: isSaveAccountDraft }),
  copy: exactObject({ type: literal('copy'), what: oneOf(COPY_TARGETS) }),
  showLogs: exactObject({ type: literal('showLogs') }),
};

const isAnyWebviewMessage = taggedUnion('type', shapes);

/** True only for a message the host knows, with every field of the right type and size. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  return isAnyWebviewMessage(value);
}

/** Per-type guards, for callers (and tests) that expect one kind of message. */
export const isReadyMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'ready' }> => shapes.ready(value);
export const isPreviewMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'preview' }> => shapes.preview(value);
export const isSendMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'send' }> => shapes.send(value);
export const isCancelMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'cancel' }> => shapes.cancel(value);
export const isSaveAccountMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'saveAccount' }> => shapes.saveAccount(value);
export const isCopyMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'copy' }> => shapes.copy(value);
export const isShowLogsMessage = (value: unknown): value is Extract<WebviewMessage, { type: 'showLogs' }> => shapes.showLogs(value);

/**
 * What to write in the log about a rejected message: its `type` when it is one the host knows,
 * otherwise only what kind of value arrived. Never a field value, nor an unknown type string,
 * since either could be a secret pasted into the wrong place.
 */
export function describeRejectedMessage(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `a ${value === null ? 'null' : typeof value} value`;
  if (Array.isArray(value)) return 'an array';
  const type = (value as { type?: unknown }).type;
  if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(shapes, type)) return `type "${type}"`;
  return typeof type === 'string' ? 'an unknown type' : 'an object without a type';
}
