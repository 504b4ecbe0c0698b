/**
 * JSON text from outside read under limits counted on the text itself before it is parsed:
 * its size, how deep arrays and objects nest, and how long any one string is. Nothing the
 * file says about itself is trusted. The refusal is one sentence a user can act on.
 */

/** What one advisory or catalog file may be. */
export interface JsonLimits {
  /** Bytes of the file. */
  maxBytes: number;
  /** Arrays and objects nested in each other, counting the outermost. */
  maxDepth: number;
  /** Characters of any one string (key or value), as written (escapes count as written). */
  maxStringLength: number;
}

/** The text parsed, or why it was refused. */
export type GuardedJson = { ok: true; value: unknown } | { ok: false; problem: string };

const MB = 1024 * 1024;
const size = (n: number) => (n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / 1024)} KB`);

/** Decodes UTF-8 bytes (a BOM is dropped); null when they are not UTF-8 text. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Parses JSON bytes within `limits`: refused when the file is larger, not UTF-8, nests
 * deeper or holds a longer string than allowed (found in one pass over the text, before
 * JSON.parse sees it), or is not valid JSON (truncated, say).
 */
export function readGuardedJson(bytes: Uint8Array, limits: JsonLimits): GuardedJson {
  if (bytes.byteLength > limits.maxBytes)
    return {
      ok: false,
      problem: `the file is ${size(bytes.byteLength)}, more than the ${size(limits.maxBytes)} allowed`,
    };
  const text = utf8Text(bytes);
  if (text === null) return { ok: false, problem: 'the file is not UTF-8 text' };
  const shape = checkShape(text, limits);
  if (shape) return { ok: false, problem: shape };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      problem: `the JSON is not valid or not complete (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** The first limit the text passes, in words, or null. */
function checkShape(text: string, limits: JsonLimits): string | null {
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) {
        inString = false;
        if (i - stringStart > limits.maxStringLength)
          return `a string at character ${stringStart} is ${i - stringStart} characters long (at most ${limits.maxStringLength})`;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limits.maxDepth)
        return `the JSON nests deeper than ${limits.maxDepth} levels (at character ${i})`;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  if (inString && text.length - stringStart > limits.maxStringLength)
    return `a string at character ${stringStart} is longer than ${limits.maxStringLength} characters`;
  return null;
}
