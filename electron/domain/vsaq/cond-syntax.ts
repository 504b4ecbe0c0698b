/**
 * The syntax of VSAQ `cond` expressions (vsaq/static/questionnaire/utils.js),
 * tokenised and parsed by our own code, never eval:
 * - a variable is any run of characters other than space, ( ) ! & | , — so ids may
 *   hold `_ - : / ^ .`; a string literal "…" (backslash escapes) may only be a
 *   function argument;
 * - `&&` and `||` must be doubled; `!` negates the single operand after it;
 * - `&&` and `||` fold strictly left to right with no precedence: `a || b && c`
 *   is `(a || b) && c`;
 * - `matches(value, "re"[, "flags"])` and `contains(value, "needle")` are the
 *   only functions.
 */

export type CondNode =
  | { kind: 'var'; name: string }
  | { kind: 'not'; operand: CondNode }
  | { kind: 'and' | 'or'; left: CondNode; right: CondNode }
  | { kind: 'call'; fn: 'matches' | 'contains'; args: CondArg[] };

export type CondArg = { kind: 'string'; value: string } | { kind: 'var'; name: string };

type Token =
  | { t: 'var'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: '&&' | '||' | '!' | '(' | ')' | ','; at: number };

/** A syntax error, with the 0-based position in the expression. */
export class CondSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'CondSyntaxError';
    this.position = position;
  }
}

export const MAX_COND_LENGTH = 4000;
const MAX_DEPTH = 50;
const FUNCTIONS = new Set(['matches', 'contains']);

export function tokenizeCond(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '&' || c === '|') {
      if (text[i + 1] !== c) throw new CondSyntaxError(`A single "${c}": use "${c}${c}"`, i);
      tokens.push({ t: c === '&' ? '&&' : '||', at: i });
      i += 2;
    } else if (c === '!' || c === '(' || c === ')' || c === ',') {
      tokens.push({ t: c, at: i });
      i++;
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
        value += text[j] ?? '';
      }
      if (j >= text.length) throw new CondSyntaxError('Unterminated string literal', i);
      tokens.push({ t: 'str', v: value, at: i });
      i = j + 1;
    } else {
      const start = i;
      while (i < text.length && !/[\s()!&|,]/.test(text[i]!)) i++;
      tokens.push({ t: 'var', v: text.slice(start, i), at: start });
    }
  }
  return tokens;
}

const show = (tok: Token | undefined) =>
  tok === undefined
    ? 'the end'
    : tok.t === 'var'
      ? `"${tok.v}"`
      : tok.t === 'str'
        ? 'a string'
        : `"${tok.t}"`;

/** Parses a cond; undefined for an empty one (always true). Throws CondSyntaxError. */
export function parseCond(text: string): CondNode | undefined {
  if (text.length > MAX_COND_LENGTH)
    throw new CondSyntaxError(`The condition is longer than ${MAX_COND_LENGTH} characters`, 0);
  const tokens = tokenizeCond(text);
  if (!tokens.length) return undefined;
  let pos = 0;
  const peek = () => tokens[pos];
  const end = text.length;

  const sequence = (depth: number): CondNode => {
    let node = operand(depth);
    for (let tok = peek(); tok && (tok.t === '&&' || tok.t === '||'); tok = peek()) {
      pos++;
      const right = operand(depth);
      node = { kind: tok.t === '&&' ? 'and' : 'or', left: node, right };
    }
    return node;
  };

  const operand = (depth: number): CondNode => {
    if (depth > MAX_DEPTH) throw new CondSyntaxError('The condition is nested too deeply', peek()?.at ?? end);
    const tok = peek();
    if (!tok) throw new CondSyntaxError('The condition ends where an operand should be', end);
    pos++;
    if (tok.t === '!') return { kind: 'not', operand: operand(depth + 1) };
    if (tok.t === '(') {
      const inner = sequence(depth + 1);
      const close = peek();
      if (close?.t !== ')')
        throw new CondSyntaxError(
          close
            ? `Expected "&&", "||" or ")" but found ${show(close)}`
            : 'Unbalanced parentheses: missing ")"',
          close?.at ?? end,
        );
      pos++;
      return inner;
    }
    if (tok.t === 'var') {
      if (FUNCTIONS.has(tok.v)) return call(tok.v as 'matches' | 'contains', tok.at);
      return { kind: 'var', name: tok.v };
    }
    if (tok.t === 'str')
      throw new CondSyntaxError('A string literal is only allowed as a function argument', tok.at);
    if (tok.t === ')')
      throw new CondSyntaxError('Unbalanced parentheses or an empty group: unexpected ")"', tok.at);
    throw new CondSyntaxError(`Expected an item id, "!" or "(" but found ${show(tok)}`, tok.at);
  };

  const call = (fn: 'matches' | 'contains', at: number): CondNode => {
    if (peek()?.t !== '(') throw new CondSyntaxError(`The function ${fn} needs arguments in parentheses`, at);
    pos++;
    const args: CondArg[] = [];
    for (;;) {
      const tok = peek();
      if (tok?.t === 'str' || (tok?.t === 'var' && !FUNCTIONS.has(tok.v)))
        args.push(tok.t === 'str' ? { kind: 'string', value: tok.v } : { kind: 'var', name: tok.v });
      else
        throw new CondSyntaxError(`Expected an argument of ${fn}() but found ${show(tok)}`, tok?.at ?? end);
      pos++;
      const sep = peek();
      pos++;
      if (sep?.t === ')') break;
      if (sep?.t !== ',')
        throw new CondSyntaxError(`Expected "," or ")" in ${fn}() but found ${show(sep)}`, sep?.at ?? end);
    }
    return { kind: 'call', fn, args };
  };

  const node = sequence(0);
  const rest = peek();
  if (rest) {
    if (rest.t === ')') throw new CondSyntaxError('Unbalanced parentheses: unexpected ")"', rest.at);
    throw new CondSyntaxError(`Missing "&&" or "||" before ${show(rest)}`, rest.at);
  }
  return node;
}
