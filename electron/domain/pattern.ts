/**
 * Patterns in questionnaire conditions (`matches`), matched in time linear in the text
 * whatever the pattern: RE2's engine in pure JavaScript (re2js), not the backtracking
 * one, on which a pattern such as `^a*a*a*a*a*a*b` took 25 s on 150 characters. Pure.
 */
import { RE2JS } from 're2js';

/** RE2 flags for the JavaScript flags a condition may carry (i, m, s; u is RE2's way anyway). */
function re2Flags(flags: string | undefined): number {
  let f = 0;
  if (flags?.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags?.includes('m')) f |= RE2JS.MULTILINE;
  if (flags?.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

/** Compiled patterns, by flags and source (a questionnaire has few). */
const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 500;

function compile(source: string, flags: string | undefined): RE2JS {
  const key = `${flags ?? ''}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = RE2JS.compile(source, re2Flags(flags));
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

/** Whether a pattern can be matched in linear time, or why not (back-references and look-arounds cannot). */
export function checkPattern(source: string, flags?: string): { ok: true } | { ok: false; reason: string } {
  try {
    compile(source, flags);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.replace(/^error parsing regexp: /, '') };
  }
}

/** Whether `text` contains a match of the pattern (a pattern checkPattern refuses never matches). */
export function matchesPattern(source: string, flags: string | undefined, text: string): boolean {
  try {
    return compile(source, flags).matcher(text).find();
  } catch {
    return false;
  }
}
