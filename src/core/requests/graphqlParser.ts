/**
 * Entry point of `dist/requestParser.js`: graphql-js's parser alone (the package root would bring
 * all of graphql-js). It is loaded on first use by the host, which passes `parse` to
 * parseRequestDocument, so that 44 KB stays out of the main bundle and its 260 KiB budget.
 */
export { parse } from 'graphql/language/parser';
