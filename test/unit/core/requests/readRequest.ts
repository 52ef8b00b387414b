import { parse } from '../../../../src/core/requests/graphqlParser';
import { type RequestDocument, parseRequestDocument } from '../../../../src/core/requests/requestDocument';

/** parseRequestDocument with the parser the host loads from dist/requestParser.js. */
export function readRequest(text: string): RequestDocument {
  return parseRequestDocument(text, parse);
}
