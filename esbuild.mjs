// Four bundles: the extension (Node, CommonJS, loaded by the extension host), the two it loads
// lazily (the GraphQL request parser and the GraphQL language features), and the Try It webview
// (browser). Type checking is `npm run check-types`; esbuild only strips types.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'info',
  // jsonc-parser's main build is UMD, whose require() calls esbuild cannot follow; its ES module
  // build bundles, and keeps only what is used.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

/**
 * axios's Node build imports `form-data`, which brings 137 KB of MIME tables. The extension never
 * sends multipart bodies, so an empty class stands in for it.
 */
const withoutFormData = {
  name: 'without-form-data',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'without-form-data' }));
    build.onLoad({ filter: /.*/, namespace: 'without-form-data' }, () => ({ contents: 'module.exports = class FormData {};' }));
  },
};

const builds = [
  {
    ...shared,
    entryPoints: { extension: 'src/host/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [withoutFormData],
  },
  {
    ...shared,
    // graphql and graphql-language-service, which the extension require()s on first use of schema
    // features, so that the main bundle stays small and activation does not load them (SPEC §6).
    entryPoints: { language: 'src/language/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...shared,
    // graphql-js's parser alone, which saved requests require() when a request file is first
    // read (CodeLenses, Run), so the main bundle stays under its 250 KB budget (SPEC §6).
    entryPoints: { requestParser: 'src/core/requests/graphqlParser.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...shared,
    // The script, and the codicon font's stylesheet (which vscode-icon looks up by the id
    // `vscode-codicon-stylesheet`) with its font; served from dist/webview, nothing remote.
    // The panel's own stylesheet is served as it is from media/.
    entryPoints: [
      { in: 'webview/tryIt/main.ts', out: 'tryIt' },
      { in: 'node_modules/@vscode/codicons/dist/codicon.css', out: 'codicon' },
    ],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.ttf': 'file' },
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
