/**
 * Product names as an inventory and an advisory write them, compared: case, punctuation,
 * brand words and series ("SIMATIC S7-1200" covers "S7-1200 CPU 1214C"), model numbers
 * (CSAF model_numbers, or "(6ES7211-1BE40-0XB0)" in the name) and the wildcards vendors
 * print ("BMXP34*", "DS-K1T804AXX").
 */

/** Words that say nothing about which product it is. */
const NOISE = new Set([
  'series',
  'family',
  'all',
  'the',
  'and',
  'for',
  'with',
  'running',
  'incl',
  'including',
  'variants',
  'variant',
  'device',
  'devices',
  'product',
  'products',
  'model',
  'models',
  'firmware',
  'versions',
  'version',
]);

/** A name read once, compared many times. */
export interface PreparedName {
  readonly text: string;
  /** Words without punctuation, lower case, noise and parenthesised parts left out. */
  readonly core: string;
  /**
   * The core from its first word with a digit on ("SIMATIC S7-1200" → "s7 1200"), or from the
   * word before a bare number ("Allen-Bradley Stratix 5700" → "stratix 5700": "5700" alone
   * names nothing); the core when no word has a digit.
   */
  readonly key: string;
  /** The core without spaces ("s7 1200" → "s71200"). */
  readonly compact: string;
  /** Words with letters and digits ("s7", "1214c", "zt410"): the words that name a model. */
  readonly codes: readonly string[];
  /** Model numbers, compact (from model_numbers and the name's parentheses). */
  readonly modelNumbers: readonly string[];
  /** Prefixes a model must start with, compact ("BMXP34*" → "bmxp34"). */
  readonly patterns: readonly string[];
}

/** Lower case, accents off, every run of other characters one space. */
export function normaliseName(text: string): string {
  // Most names are ASCII: the Unicode decomposition only for those that are not.
  const ascii = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const compactOf = (s: string) => s.replace(/ /g, '');
const hasDigit = (w: string) => /\d/.test(w);
const isCode = (w: string) => w.length >= 2 && /\d/.test(w) && /[a-z]/.test(w);

/**
 * Reads a product or model name (and its model numbers, when the advisory gives some).
 * `maker`: the maker's key (vendor-name.ts): its words leading the name say nothing of the
 * product ("Digi PortServer TS" is the "PortServer TS" of an inventory that lists Digi apart).
 */
export function prepareName(text: string, modelNumbers: readonly string[] = [], maker = ''): PreparedName {
  const patterns: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9-]*(?:\*|(?<=[0-9A-Za-z])XX+\b)/g)) {
    const prefix = compactOf(normaliseName(m[0].replace(/\*$|X+$/, '')));
    if (prefix.length >= 3) patterns.push(prefix);
  }
  const numbers = modelNumbers.map((n) => compactOf(normaliseName(n))).filter((n) => n.length >= 4);
  // Part numbers in parentheses: "(6GK5328-4TS01-2EC2)", "(1756-L8z)".
  for (const m of text.matchAll(/\(([^()]*)\)/g))
    for (const part of m[1]!.split(/[,/;]|\s+/))
      if (/\d/.test(part) && /[-.]/.test(part) && part.length >= 5)
        numbers.push(compactOf(normaliseName(part)));
  const words = normaliseName(text.replace(/\([^()]*\)/g, ' '))
    .split(' ')
    .filter((w) => w && !NOISE.has(w));
  const makerWords = new Set(maker.split(' ').filter(Boolean));
  while (words.length > 1 && makerWords.has(words[0]!)) words.shift();
  const core = words.join(' ');
  const digit = words.findIndex(hasDigit);
  const first = digit > 0 && !/[a-z]/.test(words[digit]!) ? digit - 1 : digit;
  const key = first > 0 ? words.slice(first).join(' ') : core;
  return {
    text,
    core,
    key,
    compact: compactOf(core),
    codes: words.filter(isCode),
    modelNumbers: numbers,
    patterns,
  };
}

export const NAME_MATCHES = ['model-number', 'exact', 'series', 'fuzzy'] as const;
/** How a model matched a product name, closest first. */
export type NameMatchLevel = (typeof NAME_MATCHES)[number];

/** Whether `part`'s words appear, in order and together, among `whole`'s. */
const within = (part: string, whole: string) => part !== '' && ` ${whole} `.includes(` ${part} `);
/** Enough of a name to stand for a model on its own: a word with letters and digits, or six characters. */
const distinctive = (n: string) => n.split(' ').some(isCode) || compactOf(n).length >= 6;

/**
 * How a device's model matches an advisory's product name, or null when it does not:
 * its model number; the same name once normalised; one within the other's series; or,
 * fuzzy, a model code they share. With the words that say why.
 */
export function matchProductName(
  model: PreparedName,
  product: PreparedName,
): { level: NameMatchLevel; why: string } | null {
  if (!model.compact) return null;
  const quote = `model "${model.text}"`;
  const m = model.compact;
  const n = product.modelNumbers.find((x) => x === m || within(x, model.core) || m.includes(x));
  if (n !== undefined)
    return {
      level: 'model-number',
      why: `${quote} has model number ${n.toUpperCase()} of "${product.text}"`,
    };
  if (m === product.compact || model.key === product.key || compactOf(model.key) === compactOf(product.key))
    return { level: 'exact', why: `${quote} is "${product.text}"` };
  const p = product.patterns.find((x) => m.startsWith(x) || compactOf(model.key).startsWith(x));
  if (p !== undefined) return { level: 'series', why: `${quote} fits "${product.text}"` };
  if (distinctive(product.key) && hasDigit(product.key) && within(product.key, model.core))
    return { level: 'series', why: `${quote} is of the series "${product.text}"` };
  if (distinctive(model.key) && hasDigit(model.key) && within(model.key, product.core))
    return { level: 'series', why: `${quote} is named in "${product.text}"` };
  // A code of four characters or more with two digits ("CT60", "M340"): "K1T" alone names a range of products.
  const shared = model.codes.find((c) => c.length >= 4 && /\d.*\d/.test(c) && product.codes.includes(c));
  if (shared !== undefined)
    return {
      level: 'fuzzy',
      why: `${quote} shares "${shared.toUpperCase()}" with "${product.text}" (fuzzy name)`,
    };
  return null;
}

/** The words an index of product names is keyed by: its model codes, model numbers, else its words. */
export function indexWords(name: PreparedName): string[] {
  const words = new Set<string>([...name.codes, ...name.modelNumbers, name.compact]);
  for (const w of name.key.split(' ')) if (w.length >= 3 || hasDigit(w)) words.add(w);
  return [...words].filter(Boolean);
}

/** The words to look a model up by in that index (its words, model codes and compact name). */
export function lookupWords(model: PreparedName): string[] {
  return [...new Set([...model.core.split(' '), model.compact, compactOf(model.key)])].filter(Boolean);
}
