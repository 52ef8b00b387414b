import * as path from 'node:path';
import type { GraphQLParse } from './requestDocument';

/**
 * Loads graphql-js's parser from `dist/requestParser.js` (built from core/requests/graphqlParser.ts)
 * the first time a request file is read, never at activation: the main bundle stays under its
 * 260 KiB budget and activate() stays fast.
 */
export function lazyGraphQLParse(extensionPath: string): GraphQLParse {
  let parse: GraphQLParse | undefined;
  return (source, options) => {
    // A runtime require of a file beside this bundle; esbuild must not (and cannot) inline it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    parse ??= (require(path.join(extensionPath, 'dist', 'requestParser.js')) as { parse: GraphQLParse }).parse;
    return parse(source, options);
  };
}
