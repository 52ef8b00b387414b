import type { GraphQLSchema } from 'graphql';
import { getAutocompleteSuggestions, Position } from 'graphql-language-service';
import type { GraphQLCompletion, TextPosition } from './languageModule';

/** LSP's InsertTextFormat.Snippet. */
const SNIPPET = 2;

/** What may be typed at `position`: fields, arguments, types, keywords, fragments of the same file. */
export function completions(schema: GraphQLSchema, text: string, position: TextPosition): GraphQLCompletion[] {
  return getAutocompleteSuggestions(schema, text, new Position(position.line, position.character)).map((item) => ({
    label: item.label,
    kind: item.kind,
    detail: item.detail ?? (item.type ? String(item.type) : undefined),
    documentation: item.documentation ?? undefined,
    deprecated: Boolean(item.isDeprecated),
    insertText: item.insertText,
    insertTextIsSnippet: item.insertTextFormat === SNIPPET,
  }));
}
