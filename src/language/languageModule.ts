/**
 * The contract between the extension host and the lazily loaded `dist/language.js`. The host may
 * import this file's types only (`import type`), so that graphql and graphql-language-service stay
 * out of the main bundle, which stays small and fast to activate. Positions are zero-based, as in VS Code and LSP.
 */
import type { GraphQLSchema } from 'graphql';
import type { IntrospectedSchema } from '../core/schema/schemaFromIntrospection';

export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface GraphQLDiagnostic {
  readonly range: TextRange;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
}

export interface GraphQLCompletion {
  readonly label: string;
  /** LSP's CompletionItemKind (1-based); VS Code's enum is the same list starting at 0. */
  readonly kind?: number;
  /** The field's or argument's type, e.g. `User` or `[Organization!]!`. */
  readonly detail?: string;
  readonly documentation?: string;
  readonly deprecated: boolean;
  readonly insertText?: string;
  /** True when insertText is a snippet with `$1`-style tab stops. */
  readonly insertTextIsSnippet: boolean;
}

export interface LanguageModule {
  readonly introspectionQuery: string;
  readonly introspectionOperationName: string;
  /** Builds a schema from an introspection result (text or parsed); throws SchemaError. */
  loadSchema(introspection: unknown): IntrospectedSchema;
  completions(schema: GraphQLSchema, text: string, position: TextPosition): GraphQLCompletion[];
  /** Markdown, or undefined when there is nothing under the cursor. */
  hover(schema: GraphQLSchema, text: string, position: TextPosition): string | undefined;
  /** Syntax errors always; validation against the schema when one is given. */
  diagnostics(text: string, schema?: GraphQLSchema): GraphQLDiagnostic[];
}
