import * as v from 'valibot';
import { isJsonObject } from '../json/jsonObject';
import { describeValueType } from '../json/valueType';

/**
 * The optional arguments object every command accepts, read field by field: keybindings,
 * tasks and other extensions can pass anything, so a wrong type is reported, never trusted.
 */

export type CommandArgs = Readonly<Record<string, unknown>>;

/** Bad arguments from a caller: the message says which field and what was expected. */
export class CommandArgsError extends Error {
  override readonly name = 'CommandArgsError';
}

/** The user dismissed a prompt: the command stops quietly and saves nothing. */
export class CommandCancelled extends Error {
  override readonly name = 'CommandCancelled';
  constructor() {
    super('Cancelled.');
  }
}

/**
 * Only a plain object counts as arguments. Menus pass a Uri or a tree item, which means "no
 * arguments": the command then asks with prompts.
 */
export function argsObject(value: unknown): CommandArgs | undefined {
  if (!isJsonObject(value)) return undefined;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? (value as CommandArgs) : undefined;
}

/** Each argument kind; the issue message is what the error says was expected. */
const StringArg = v.string('a string');
const NumberArg = v.pipe(v.number('a number'), v.finite('a number'));
const BooleanArg = v.boolean('true or false');
/** Nested arguments follow the same rule as the arguments themselves. */
const ObjectArg = v.custom<CommandArgs>((value) => argsObject(value) !== undefined, 'an object');

/** `args[key]` read with `schema`: absent or null is undefined; a value of another kind is a CommandArgsError. */
function optionalArg<TSchema extends v.GenericSchema>(args: CommandArgs, key: string, schema: TSchema): v.InferOutput<TSchema> | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new CommandArgsError(`The argument "${key}" must be ${parsed.issues[0].message}, not ${describeValueType(value)}.`);
  return parsed.output;
}

export function optionalString(args: CommandArgs, key: string): string | undefined {
  return optionalArg(args, key, StringArg);
}

export function optionalNumber(args: CommandArgs, key: string): number | undefined {
  return optionalArg(args, key, NumberArg);
}

export function optionalBoolean(args: CommandArgs, key: string): boolean | undefined {
  return optionalArg(args, key, BooleanArg);
}

export function optionalObject(args: CommandArgs, key: string): CommandArgs | undefined {
  return optionalArg(args, key, ObjectArg);
}

/** Names the arguments a command does not know, so a typo such as `clientSecrt` is not silently ignored. */
export function rejectUnknownKeys(args: CommandArgs, known: readonly string[], where = 'arguments'): void {
  const unknown = Object.keys(args).filter((key) => !known.includes(key));
  if (unknown.length) {
    throw new CommandArgsError(`Unknown ${where}: ${unknown.map((k) => `"${k}"`).join(', ')}. Expected: ${known.join(', ')}.`);
  }
}
