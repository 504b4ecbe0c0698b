/**
 * VSAQ texts are raw HTML; our questionnaires hold plain text. These helpers turn
 * the HTML into readable plain text (paragraphs and list items become lines, a
 * link keeps its address) and make ids fit our Slug pattern.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const MAX_HTML = 20_000;

/** Plain text from VSAQ's HTML: tags removed, blocks as lines, links as "text (url)". */
export function htmlToText(html: unknown): string {
  if (typeof html !== 'string') return '';
  // Our longest field holds 4000 characters; the cap also bounds the regex work.
  const text = html
    .slice(0, MAX_HTML)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(
      /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi,
      (_m, dq: string | undefined, sq: string | undefined, inner: string) => {
        const href = decodeEntities(dq ?? sq ?? '').trim();
        const label = inner.replace(/<[^>]*>/g, '').trim();
        return !/^https?:\/\//i.test(href) || decodeEntities(label) === href ? inner : `${inner} (${href})`;
      },
    )
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|ul|ol|h[1-6]|table|tr|blockquote|pre)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts text to `max` characters, ending with "…" when cut. */
export function clip(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  return { text: `${text.slice(0, max - 1).trimEnd()}…`, cut: true };
}

export const SLUG = /^[a-z0-9][a-z0-9_.:-]*$/;
export const MAX_ID = 120;

/** The nearest id our Slug pattern allows (lower case; other characters become "_"). */
export function toSlug(raw: string): string {
  let s = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.:-]+/g, '_');
  if (!/^[a-z0-9]/.test(s)) s = `x${s}`;
  return s.slice(0, MAX_ID);
}

/**
 * Gives every VSAQ id an id that fits our pattern, unique across the questionnaire.
 * Ids that already fit are kept (reserve them first); others are normalised, and a
 * clash gets a numeric suffix.
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly byRaw = new Map<string, string>();
  private readonly nextSuffix = new Map<string, number>();
  readonly renamed: { from: string; to: string }[] = [];

  /** Keeps every id that already fits, so that normalised ones cannot take it. */
  reserve(rawIds: Iterable<string>): void {
    for (const raw of rawIds) {
      if (SLUG.test(raw) && raw.length <= MAX_ID && !this.used.has(raw)) {
        this.used.add(raw);
        this.byRaw.set(raw, raw);
      }
    }
  }

  /** Our id for a VSAQ id (the same answer every time). */
  map(raw: string): string {
    const known = this.byRaw.get(raw);
    if (known !== undefined) return known;
    const id = this.unique(toSlug(raw));
    this.byRaw.set(raw, id);
    if (id !== raw) this.renamed.push({ from: raw, to: id });
    return id;
  }

  /** A fresh, short id for something VSAQ leaves unnamed (from a title or an id prefix). */
  generate(base: string): string {
    const slug = toSlug(base)
      .replace(/[^a-z0-9]+/g, (m) => (/^[.:-]$/.test(m) ? m : '_'))
      .slice(0, 48)
      .replace(/[_.:-]+$/, '');
    return this.unique(slug || 'item');
  }

  private unique(base: string): string {
    let id = base;
    let n = this.nextSuffix.get(base) ?? 2;
    for (; this.used.has(id); n++) {
      const suffix = `_${n}`;
      id = base.slice(0, MAX_ID - suffix.length) + suffix;
    }
    this.nextSuffix.set(base, n);
    this.used.add(id);
    return id;
  }
}
