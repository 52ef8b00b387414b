import type { GraphQLSchema } from 'graphql';
import { getHoverInformation, Position } from 'graphql-language-service';
import type { TextPosition } from './languageModule';

/** The type and description of what is under the cursor, as Markdown. */
export function hover(schema: GraphQLSchema, text: string, position: TextPosition): string | undefined {
  const contents = getHoverInformation(schema, text, new Position(position.line, position.character), undefined, { useMarkdown: true });
  const markdown = typeof contents === 'string' ? contents : Array.isArray(contents) ? contents.map(markedString).join('\n\n') : contents.value;
  return markdown.trim() ? markdown : undefined;
}

function markedString(value: string | { language: string; value: string }): string {
  return typeof value === 'string' ? value : `\`\`\`${value.language}\n${value.value}\n\`\`\``;
}
