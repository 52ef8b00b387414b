import { checkEndpointUrl } from '../accounts/endpointUrl';
import { problemAt, type DocumentProblem } from './requestDocument';

/**
 * A request file may name its own GraphQL endpoint with a comment line, `# @endpoint <url>`, for
 * an API on another path or host. The runner still attaches the token only to allowed origins,
 * so a file cannot send the token anywhere the user has not allowed.
 */
export type EndpointDirective =
  | { readonly ok: true; readonly url: string; readonly line: number }
  | { readonly ok: false; readonly problem: DocumentProblem };

const DIRECTIVE = /^[ \t]*#[ \t]*@endpoint\b[ \t]*(\S*)/m;

/** The first `# @endpoint` line of the file, if any; the comment form keeps the file valid GraphQL. */
export function findEndpointDirective(text: string): EndpointDirective | undefined {
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const urlOffset = match.index + match[0].length - match[1].length;
  const invalid = checkEndpointUrl(match[1], 'endpoint in "# @endpoint"');
  if (invalid) return { ok: false, problem: problemAt(text, urlOffset, invalid) };
  return { ok: true, url: match[1], line: problemAt(text, match.index, '').line };
}
