import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // core/ and protocol/ are the lower floor: they must stay free of the editor and of the floors above.
    // language/ is bundled apart (dist/language.js) and loaded by the host on demand: it stands on
    // core/ with graphql only, so it keeps the same floor.
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts', 'src/language/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode', '**/host/**', '**/webview/**'] }],
    },
  },
  {
    // The host loads dist/language.js when first needed; a value import would pull graphql into
    // the host's own bundle as a second copy, whose schemas the language service would not accept.
    files: ['src/host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/language/**'], allowTypeImports: true }] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode', '**/host/**', 'axios', 'node:*'] }],
    },
  },
);
