import type { GraphQLSchema } from 'graphql';
import { getDiagnostics } from 'graphql-language-service';
import type { DiagnosticSeverity, GraphQLDiagnostic } from './languageModule';

/** LSP's DiagnosticSeverity, 1 to 4. */
const SEVERITIES: Record<number, DiagnosticSeverity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/**
 * A syntax error stops at the first one, as graphql's parser does; with a schema, a document that
 * parses is also validated (unknown fields, wrong argument types, unused variables, …).
 */
export function diagnostics(text: string, schema?: GraphQLSchema): GraphQLDiagnostic[] {
  return getDiagnostics(text, schema).map((diagnostic) => ({
    range: {
      start: { line: diagnostic.range.start.line, character: diagnostic.range.start.character },
      end: { line: diagnostic.range.end.line, character: diagnostic.range.end.character },
    },
    severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
  }));
}
