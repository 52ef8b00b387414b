// The bundles: the extension (Node, CommonJS, loaded by the extension host), those it loads
// lazily (the GraphQL request parser, the GraphQL language features, dist/firstUse/), and the Try It webview
// (browser). Type checking is `npm run check-types`; esbuild only strips types.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
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

/**
 * axios imports `follow-redirects` (with `debug` and `supports-color`, about 19 KB) for requests
 * that follow redirects. The extension posts only through its one adapter (core/http/axiosPost.ts),
 * which never follows one (a redirect could carry a secret or a token to another host), so axios
 * always takes Node's own http/https there. The stand-in fails loudly should that ever change.
 */
const withoutFollowRedirects = {
  name: 'without-follow-redirects',
  setup(build) {
    build.onResolve({ filter: /^follow-redirects$/ }, () => ({ path: 'follow-redirects', namespace: 'without-follow-redirects' }));
    build.onLoad({ filter: /.*/, namespace: 'without-follow-redirects' }, () => ({
      contents:
        'const refuse = { request() { throw new Error("Redirects are never followed: post with maxRedirects 0."); } };\n' +
        'module.exports = { http: refuse, https: refuse };',
    }));
  },
};

/**
 * axios tunnels through a proxy itself (`https-proxy-agent`, which brings `agent-base`) only when
 * it reads one from HTTPS_PROXY. The one adapter (core/http/axiosPost.ts) posts with
 * `proxy: false`, because the editor's own proxy support routes every request of the extension
 * host; the stand-ins fail loudly should that ever change.
 */
const withoutAxiosProxying = {
  name: 'without-axios-proxying',
  setup(build) {
    build.onResolve({ filter: /^(https-proxy-agent|proxy-from-env)$/ }, (args) => ({ path: args.path, namespace: 'without-axios-proxying' }));
    build.onLoad({ filter: /.*/, namespace: 'without-axios-proxying' }, () => ({
      contents:
        'const refuse = () => { throw new Error("axios never proxies here: post with proxy: false and let the editor route the request."); };\n' +
        'module.exports = function HttpsProxyAgent() { refuse(); };\nmodule.exports.getProxyForUrl = refuse;',
    }));
  },
};

/**
 * axios carries a browser adapter (XMLHttpRequest), a fetch adapter and the environment-proxy
 * bypass list, about 15 KB together. The one adapter posts with `adapter: 'http'` and
 * `proxy: false`, so none of them runs in the extension host; the stand-ins say so if one ever did.
 */
const withoutUnusedAxiosParts = {
  name: 'without-unused-axios-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(adapters\/)?(xhr|fetch)\.js$|shouldBypassProxy\.js$/ }, (args) =>
      args.importer.includes('/node_modules/axios/') ? { path: args.path, namespace: 'without-unused-axios-parts' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-unused-axios-parts' }, (args) => ({
      contents: args.path.includes('shouldBypassProxy')
        ? 'export default function shouldBypassProxy() { throw new Error("axios never proxies here: post with proxy: false."); }'
        : args.path.includes('fetch')
          ? 'export function getFetch() { return false; }'
          : 'export default false;',
    }));
  },
};

/**
 * axios's proxy agents log through `debug` (with `supports-color` and `ms`, about 10 KB), which
 * prints only when the DEBUG environment variable names them. An extension host never sets it for
 * them, so the bundle takes a silent stand-in with the same shape.
 */
const silentDebug = {
  name: 'silent-debug',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'silent-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'silent-debug' }, () => ({
      contents: 'const create = () => Object.assign(() => {}, { enabled: false, extend: create });\nmodule.exports = Object.assign(create, { default: create });',
    }));
  },
};

/**
 * jsonc-parser (about 10 KB here) serves runs of saved requests, not activation, so the main bundle
 * takes only these stand-ins, which require() `dist/jsoncParser.js` on first call: the main bundle
 * stays under its 260 KiB budget, as with the request parser below. A name the code newly imports
 * from jsonc-parser must be added to this list (an unknown one is undefined at run time).
 */
const JSONC_PARSER_FUNCTIONS = ['visit', 'printParseErrorCode'];
const lazyJsoncParser = {
  name: 'lazy-jsonc-parser',
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: 'jsonc-parser', namespace: 'lazy-jsonc-parser' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-jsonc-parser' }, () => ({
      contents: [
        "const path = require('node:path');",
        'let parser;',
        "const load = () => (parser ??= require(path.join(__dirname, 'jsoncParser.js')));",
        ...JSONC_PARSER_FUNCTIONS.map((name) => `exports.${name} = (...args) => load().${name}(...args);`),
      ].join('\n'),
      resolveDir: '.',
    }));
  },
};

/**
 * Pure core modules that serve one command and not activation (Run All Pages' resume point, views
 * and page reading; New GraphQL Request's templates), each built as a bundle of its own in
 * dist/firstUse/ that the main bundle require()s the first time one of its exports is read, so the
 * main bundle stays under its 260 KiB budget. Only modules whose exports are plain functions,
 * constants and classes used with `new` qualify: a class checked with `instanceof` across the two
 * bundles would be two classes. The stand-in's names are read off the module's `export` lines.
 */
const FIRST_USE_MODULES = ['allPagesResume', 'allPagesView', 'allPagesReport', 'pageAnswer', 'requestTemplates', 'itemExport', 'keptResponses', 'errorAdvice'];
const firstUseSource = (name) => `src/core/requests/${name}.ts`;
const firstUseModules = {
  name: 'first-use-modules',
  setup(build) {
    const pattern = new RegExp(`(^|/)(${FIRST_USE_MODULES.join('|')})$`);
    build.onResolve({ filter: pattern }, (args) => {
      const name = pattern.exec(args.path)[2];
      if (path.resolve(args.resolveDir, `${args.path}.ts`) !== path.resolve(firstUseSource(name))) return undefined;
      return { path: name, namespace: 'first-use-modules' };
    });
    build.onLoad({ filter: /.*/, namespace: 'first-use-modules' }, (args) => {
      const names = [...readFileSync(firstUseSource(args.path), 'utf8').matchAll(/^export (?:const|function\*?|class|async function) ?(\w+)/gm)].map((match) => match[1]);
      return {
        contents: [
          "const path = require('node:path');",
          'let loaded;',
          `const load = () => (loaded ??= require(path.join(__dirname, 'firstUse', '${args.path}.js')));`,
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
        ].join('\n'),
        resolveDir: '.',
      };
    });
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
    plugins: [withoutFormData, withoutFollowRedirects, withoutAxiosProxying, withoutUnusedAxiosParts, silentDebug, lazyJsoncParser, firstUseModules],
  },
  {
    ...shared,
    // The modules the main bundle loads on first use (see firstUseModules).
    entryPoints: Object.fromEntries(FIRST_USE_MODULES.map((name) => [name, firstUseSource(name)])),
    outdir: 'dist/firstUse',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyJsoncParser],
  },
  {
    ...shared,
    // jsonc-parser, loaded by the main bundle on first use (see lazyJsoncParser).
    entryPoints: { jsoncParser: 'node_modules/jsonc-parser/lib/esm/main.js' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...shared,
    // graphql and graphql-language-service, which the extension require()s on first use of schema
    // features, so that the main bundle stays small and activation does not load them.
    entryPoints: { language: 'src/language/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...shared,
    // graphql-js's parser alone, which saved requests require() when a request file is first
    // read (CodeLenses, Run), so the main bundle stays under its 260 KiB budget (scripts/bundleBudget.mjs).
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
  // A name the stand-in offers that the bundle does not export would be undefined at run time.
  const require = createRequire(import.meta.url);
  for (const name of FIRST_USE_MODULES) {
    const exported = require(path.resolve('dist/firstUse', `${name}.js`));
    const missing = [...readFileSync(firstUseSource(name), 'utf8').matchAll(/^export (?:const|function\*?|class|async function) ?(\w+)/gm)].map((match) => match[1]).filter((key) => !(key in exported));
    if (missing.length) throw new Error(`dist/firstUse/${name}.js does not export ${missing.join(', ')}.`);
  }
}
