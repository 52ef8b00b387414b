import { isJsonObject } from '../json/jsonObject';

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

export function optionalString(args: CommandArgs, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new CommandArgsError(`The argument "${key}" must be a string, not ${describe(value)}.`);
  return value;
}

export function optionalNumber(args: CommandArgs, key: string): number | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CommandArgsError(`The argument "${key}" must be a number, not ${describe(value)}.`);
  return value;
}

export function optionalBoolean(args: CommandArgs, key: string): boolean | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new CommandArgsError(`The argument "${key}" must be true or false, not ${describe(value)}.`);
  return value;
}

export function optionalObject(args: CommandArgs, key: string): CommandArgs | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  const object = argsObject(value);
  if (!object) throw new CommandArgsError(`The argument "${key}" must be an object, not ${describe(value)}.`);
  return object;
}

/** Names the arguments a command does not know, so a typo such as `clientSecrt` is not silently ignored. */
export function rejectUnknownKeys(args: CommandArgs, known: readonly string[], where = 'arguments'): void {
  const unknown = Object.keys(args).filter((key) => !known.includes(key));
  if (unknown.length) {
    throw new CommandArgsError(`Unknown ${where}: ${unknown.map((k) => `"${k}"`).join(', ')}. Expected: ${known.join(', ')}.`);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
