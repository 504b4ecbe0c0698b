/**
 * Finds where strict JSON text first goes wrong. JSON.parse does not always say
 * where (V8 reports "Unexpected token … is not valid JSON" without a position), so
 * after a failed parse this non-recursive scanner walks the text and names the
 * index and the problem. It only validates; it builds no values.
 */

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

const show = (c: string) => (c === '\n' ? 'a line break' : `"${c}"`);

/** The first error in `json`, or undefined when it is valid JSON. */
export function locateJsonError(json: string): { index: number; message: string } | undefined {
  const stack: ('{' | '[')[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const afterValue = () => {
    expect = stack.length ? 'commaOrClose' : 'end';
  };
  while (i < json.length) {
    const c = json[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const at = i;
    const err = (message: string) => ({ index: at, message });
    switch (expect) {
      case 'end':
        return err(`Unexpected ${show(c)} after the end of the document`);
      case 'colon':
        if (c !== ':') return err(`Expected ":" after a property name, found ${show(c)}`);
        expect = 'value';
        i++;
        continue;
      case 'commaOrClose': {
        const top = stack[stack.length - 1];
        if (c === ',') expect = top === '{' ? 'key' : 'value';
        else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
          stack.pop();
          afterValue();
        } else return err(`Expected "," or "${top === '{' ? '}' : ']'}", found ${show(c)}`);
        i++;
        continue;
      }
      case 'key':
      case 'keyOrClose':
        if (c === '}' && expect === 'keyOrClose') {
          stack.pop();
          afterValue();
          i++;
          continue;
        }
        if (c !== '"')
          return err(
            c === '}'
              ? 'Trailing comma before "}"'
              : `Expected a double-quoted property name, found ${show(c)}`,
          );
        break;
      case 'valueOrClose':
        if (c === ']') {
          stack.pop();
          afterValue();
          i++;
          continue;
        }
        break;
      case 'value':
        if (c === ']' && json.slice(0, i).trimEnd().endsWith(',')) return err('Trailing comma before "]"');
        break;
    }
    // A value (or, for key/keyOrClose, a property name).
    const isKey = expect === 'key' || expect === 'keyOrClose';
    if (c === '"') {
      const end = scanString(json, i);
      if (typeof end !== 'number') return end;
      i = end;
      if (isKey) expect = 'colon';
      else afterValue();
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    LITERAL.lastIndex = i;
    const m = NUMBER.exec(json) ?? LITERAL.exec(json);
    if (!m) {
      if (c === "'") return err('Strings must use double quotes');
      return err(`Unexpected ${show(c)} where a value should be`);
    }
    i += m[0].length;
    afterValue();
  }
  if (expect !== 'end') return { index: json.length, message: 'Unexpected end of the document' };
  return undefined;
}

function scanString(json: string, start: number): number | { index: number; message: string } {
  for (let i = start + 1; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = json[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(json.slice(i + 2, i + 6)))
          return { index: i, message: 'A \\u escape needs four hex digits' };
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return { index: i, message: `Invalid escape "\\${e ?? ''}" in a string` };
    } else if (c.charCodeAt(0) < 0x20) {
      return { index: i, message: 'A line break or control character inside a string' };
    }
  }
  return { index: start, message: 'Unterminated string' };
}
