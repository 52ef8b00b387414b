import { isJsonObject } from '../json/jsonObject';
import { describeValueType } from '../json/valueType';
import { type DocumentProblem, describeProblem, problemAt } from './requestDocument';
import { locateJsonError } from './jsonErrorLocation';

/**
 * The optional `<name>.variables.json` beside `<name>.graphql`. It holds one JSON
 * object; a malformed file is reported with its line and column, never sent as `{}`.
 */

const REQUEST_EXTENSION = /\.(graphql|gql)$/i;

/** `dir/foo.graphql` → `dir/foo.variables.json`; undefined for a path that is not a request file. */
export function variablesPathFor(requestPath: string): string | undefined {
  return REQUEST_EXTENSION.test(requestPath) ? requestPath.replace(REQUEST_EXTENSION, '.variables.json') : undefined;
}

/** `dir/foo.variables.json` → `foo.variables.json`: the name messages and comments use. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isRequestFilePath(path: string): boolean {
  return REQUEST_EXTENSION.test(path);
}

export type VariablesResult =
  | { readonly ok: true; readonly variables: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: DocumentProblem; readonly message: string };

/** Parses a variables file's text; `fileName` only names the file in the message. An empty file means no variables. */
export function parseVariablesText(text: string, fileName: string): VariablesResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: true, variables: {} };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const located = locateJsonError(body);
    return failure(body, located.offset, `${fileName} is not valid JSON: ${located.message}`);
  }
  if (!isJsonObject(value)) {
    return failure(body, body.length - body.trimStart().length, `${fileName} must hold one JSON object of variables, such as {"id": "123"}; it holds ${describeValueType(value)}`);
  }
  return { ok: true, variables: value };
}

function failure(text: string, offset: number, message: string): VariablesResult {
  const problem = problemAt(text, offset, message);
  return { ok: false, problem, message: describeProblem(problem) };
}
