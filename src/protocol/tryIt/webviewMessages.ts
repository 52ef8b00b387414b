/**
 * Messages from the Try It webview to the host, and the guards the host runs on every one of them
 * before acting. A message that fails its guard is dropped whole: no partial effects. The types are
 * derived from the schemas, so a guard and the type it promises cannot drift apart.
 */
import * as v from 'valibot';
import { CLIENT_AUTH_MODES } from '../../core/accounts/account';
import { isJsonObject } from '../../core/json/jsonObject';
import { describeValueType } from '../../core/json/valueType';
import { COPY_TARGETS } from './views';

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

/** A string no longer than `maxLength` (in UTF-16 units), so a huge payload is refused early. */
const bounded = (maxLength: number) => v.pipe(v.string(), v.maxLength(maxLength));

const url = bounded(MESSAGE_LIMITS.url);
const clientSecret = bounded(MESSAGE_LIMITS.clientSecret);

/** The parts of an ad hoc request that are not secret. */
const adHocFields = { tokenEndpoint: url, clientId: bounded(MESSAGE_LIMITS.clientId), authMode: v.picklist(CLIENT_AUTH_MODES) };

// Strict objects throughout: a surplus field (a secret where none belongs, a prototype key) fails the whole message.
const AccountTargetSchema = v.strictObject({ kind: v.literal('account'), accountId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MESSAGE_LIMITS.accountId)) });

/** A preview needs no secret: only whether one was typed, so the redacted placeholder shows. */
const PreviewTargetSchema = v.variant('kind', [AccountTargetSchema, v.strictObject({ kind: v.literal('adhoc'), ...adHocFields, secretEntered: v.boolean() })]);

/** An ad hoc Send carries the typed secret once; a saved account's secret stays in the host. */
const SendTargetSchema = v.variant('kind', [AccountTargetSchema, v.strictObject({ kind: v.literal('adhoc'), ...adHocFields, clientSecret })]);

const SaveAccountDraftSchema = v.strictObject({
  label: bounded(MESSAGE_LIMITS.label),
  description: v.optional(bounded(MESSAGE_LIMITS.description)),
  graphqlEndpoint: url,
  ...adHocFields,
  clientSecret,
});

const MESSAGE_SCHEMAS = {
  /** The page (re)loaded and wants the current state. */
  ready: v.strictObject({ type: v.literal('ready') }),
  preview: v.strictObject({ type: v.literal('preview'), target: PreviewTargetSchema }),
  send: v.strictObject({ type: v.literal('send'), target: SendTargetSchema }),
  cancel: v.strictObject({ type: v.literal('cancel') }),
  saveAccount: v.strictObject({ type: v.literal('saveAccount'), draft: SaveAccountDraftSchema }),
  copy: v.strictObject({ type: v.literal('copy'), what: v.picklist(COPY_TARGETS) }),
  showLogs: v.strictObject({ type: v.literal('showLogs') }),
} as const;

const WebviewMessageSchema = v.variant('type', Object.values(MESSAGE_SCHEMAS));

export type AccountTarget = v.InferOutput<typeof AccountTargetSchema>;
export type PreviewTarget = v.InferOutput<typeof PreviewTargetSchema>;
export type SendTarget = v.InferOutput<typeof SendTargetSchema>;
export type SaveAccountDraft = v.InferOutput<typeof SaveAccountDraftSchema>;
export type WebviewMessage = v.InferOutput<typeof WebviewMessageSchema>;

/** True only for a message the host knows, with every field of the right type and size. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  return v.is(WebviewMessageSchema, value);
}

/**
 * What to write in the log about a rejected message: its `type` when it is one the host knows,
 * otherwise only what kind of value arrived. Never a field value, nor an unknown type string,
 * since either could be a secret pasted into the wrong place.
 */
export function describeRejectedMessage(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (!isJsonObject(value)) return value === null ? 'a null value' : `${describeValueType(value)} value`;
  const { type } = value;
  if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(MESSAGE_SCHEMAS, type)) return `type "${type}"`;
  return typeof type === 'string' ? 'an unknown type' : 'an object without a type';
}
