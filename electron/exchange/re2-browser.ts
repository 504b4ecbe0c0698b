import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** re2js's browser build, inlined by the bundler (vite.shared.mts); absent when running from source. */
declare const __RE2JS_BROWSER__: string | undefined;

let source: string | null = null;

/**
 * The text of re2js's browser build (it defines the global RE2JS), for a vendor's form
 * whose conditions match patterns: the app's own linear-time engine, never the browser's
 * backtracking one. Built, it is part of the bundle; from source (tests), it is read from
 * the package.
 */
export function re2BrowserSource(): string {
  if (typeof __RE2JS_BROWSER__ === 'string') return __RE2JS_BROWSER__;
  source ??= readFileSync(
    join(dirname(createRequire(join(__dirname, 'form.js')).resolve('re2js')), 'index.umd.js'),
    'utf8',
  );
  return source;
}
