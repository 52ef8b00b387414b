/**
 * Entry point of `dist/language.js`, the bundle the host loads on first use of schema-aware
 * editing or Fetch Schema. graphql and graphql-language-service live here only, one copy of each,
 * so a schema built here is the schema the language service checks against.
 */
import { INTROSPECTION_OPERATION_NAME, INTROSPECTION_QUERY } from '../core/schema/introspectionQuery';
import { schemaFromIntrospection } from '../core/schema/schemaFromIntrospection';
import { completions } from './completions';
import { diagnostics } from './diagnostics';
import { hover } from './hover';
import type { LanguageModule } from './languageModule';

export const languageModule: LanguageModule = {
  introspectionQuery: INTROSPECTION_QUERY,
  introspectionOperationName: INTROSPECTION_OPERATION_NAME,
  loadSchema: schemaFromIntrospection,
  completions,
  hover,
  diagnostics,
};
