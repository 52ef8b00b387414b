// The Try It panel's browser entry point (bundled by esbuild to dist/webview/tryIt.js).
import './components';
import { TryItApp } from './tryItApp';

// The host sends a shell (the CSP, the stylesheets, this script); the page is built here.
new TryItApp(document.body);
