// The Try It panel's browser entry point (bundled by esbuild to dist/webview/tryIt.js).
import './components';
import { TryItApp } from './tryItApp';

new TryItApp();
