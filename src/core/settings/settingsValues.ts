import * as v from 'valibot';
import { DEFAULT_GRAPHQL_TIMEOUT_MS } from '../graphql/graphqlRunner';
import { DEFAULT_ALLOWED_API_ORIGINS } from '../graphql/originAllowlist';
import { PIPEFY_REQUESTS_PER_WINDOW } from '../graphql/originGate';
import { DEFAULT_TOKEN_TIMEOUT_MS } from '../oauth/requestToken';
import { HISTORY_LIMIT } from '../requests/requestHistory';
import { PIPEFY_HOST_PAIRS } from '../schema/introspectionHosts';

/**
 * The pipefy.* settings as the extension may use them. A hand-edited settings.json can hold
 * anything, so each value is read with a schema: a value of the wrong type gives the default, a
 * number out of range is clamped to the range package.json declares (the editor only warns), and a
 * list keeps only its well-formed entries.
 */

interface NumberBounds {
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
  /** Counts of things are rounded down; durations keep their fraction. */
  readonly whole?: boolean;
}

/** The numeric settings' default and range, the same as in package.json (a unit test holds the two together). */
export const NUMBER_SETTINGS = {
  tokenRequestTimeoutSeconds: { fallback: DEFAULT_TOKEN_TIMEOUT_MS / 1000, min: 1, max: 300 },
  graphqlTimeoutSeconds: { fallback: DEFAULT_GRAPHQL_TIMEOUT_MS / 1000, min: 1, max: 600 },
  'rateLimit.requestsPer30Seconds': { fallback: PIPEFY_REQUESTS_PER_WINDOW, min: 1, max: 100_000, whole: true },
  'runAllPages.maxItems': { fallback: 10_000, min: 1, max: 1_000_000, whole: true },
  'history.keepResponses': { fallback: HISTORY_LIMIT, min: 0, max: HISTORY_LIMIT, whole: true },
} as const satisfies Record<string, NumberBounds>;

const bounded = ({ fallback, min, max, whole }: NumberBounds) =>
  v.fallback(
    v.pipe(
      v.number(),
      v.finite(),
      v.transform((value) => (whole ? Math.floor(value) : value)),
      v.toMinValue(min),
      v.toMaxValue(max),
    ),
    fallback,
  );

/** A list that keeps the entries `entry` accepts and drops the others. */
const listOf = <TEntry extends v.GenericSchema>(entry: TEntry) =>
  v.pipe(
    v.array(v.unknown()),
    v.transform((items): ReadonlyArray<v.InferOutput<TEntry>> =>
      items.flatMap((item) => {
        const parsed = v.safeParse(entry, item);
        return parsed.success ? [parsed.output] : [];
      }),
    ),
  );

const Origin = v.pipe(v.string(), v.check((origin) => URL.canParse(origin)));

/** Keyed as under `pipefy.` in settings.json. */
const SettingsJsonSchema = v.object({
  allowedApiOrigins: v.fallback(listOf(v.string()), DEFAULT_ALLOWED_API_ORIGINS),
  tokenRequestTimeoutSeconds: bounded(NUMBER_SETTINGS.tokenRequestTimeoutSeconds),
  graphqlTimeoutSeconds: bounded(NUMBER_SETTINGS.graphqlTimeoutSeconds),
  'rateLimit.requestsPer30Seconds': bounded(NUMBER_SETTINGS['rateLimit.requestsPer30Seconds']),
  'schema.hostPairs': v.fallback(listOf(v.pipe(v.strictTuple([Origin, Origin]), v.readonly())), PIPEFY_HOST_PAIRS),
  'runAllPages.maxItems': bounded(NUMBER_SETTINGS['runAllPages.maxItems']),
  'history.keepResponses': bounded(NUMBER_SETTINGS['history.keepResponses']),
});

/** The settings in the shape the extension uses. */
const SettingsSchema = v.pipe(
  SettingsJsonSchema,
  v.transform((settings) => ({
    allowedApiOrigins: settings.allowedApiOrigins,
    tokenTimeoutMs: settings.tokenRequestTimeoutSeconds * 1000,
    graphqlTimeoutMs: settings.graphqlTimeoutSeconds * 1000,
    /** GraphQL requests to one origin are paced to at most this many per 30 seconds. */
    requestsPer30Seconds: settings['rateLimit.requestsPer30Seconds'],
    /** Origins that serve the same API: Fetch Schema falls back from one to the other. */
    schemaHostPairs: settings['schema.hostPairs'],
    /** Run All Pages stops once it holds this many items. */
    runAllPagesMaxItems: settings['runAllPages.maxItems'],
    /** How many of the last runs' responses History can show again from storage. */
    historyKeepResponses: settings['history.keepResponses'],
  })),
);

export type PipefySettings = Readonly<v.InferOutput<typeof SettingsSchema>>;

export type SettingKey = keyof typeof SettingsJsonSchema.entries;

export const SETTING_KEYS = Object.keys(SettingsJsonSchema.entries) as SettingKey[];

/**
 * Settings through which a workspace could widen where the token goes or how hard the API is hit:
 * in Restricted Mode only the user's own value counts (package.json lists them as restricted).
 */
export const RESTRICTED_SETTING_KEYS: ReadonlySet<SettingKey> = new Set([
  'allowedApiOrigins',
  'tokenRequestTimeoutSeconds',
  'graphqlTimeoutSeconds',
  'rateLimit.requestsPer30Seconds',
  'schema.hostPairs',
]);

/** One setting as the editor holds it: the value in effect, and the user's own and the default, which are all Restricted Mode trusts. */
export interface SettingValues {
  readonly value?: unknown;
  readonly globalValue?: unknown;
  readonly defaultValue?: unknown;
}

/** The settings from what the editor holds for each key; `trusted` is whether the workspace is. */
export function settingsFrom(read: (key: SettingKey) => SettingValues, trusted: boolean): PipefySettings {
  const raw = Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const values = read(key);
      return [key, trusted || !RESTRICTED_SETTING_KEYS.has(key) ? values.value : values.globalValue ?? values.defaultValue];
    }),
  );
  return v.parse(SettingsSchema, raw);
}

/**
 * Whether `pipefy.terminal.exposeToken` is on. Only the user's own `true` counts, even in a trusted
 * workspace: package.json gives it application scope and lists it as restricted, and a workspace
 * value is ignored here too, so no folder can turn it on.
 */
export function exposeTokenFrom(values: SettingValues): boolean {
  return values.globalValue === true;
}
