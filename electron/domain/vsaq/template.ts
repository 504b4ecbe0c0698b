/**
 * Reads a VSAQ base template and its extension templates into one checked item
 * tree, as VSAQ's Questionnaire.setMultipleTemplates does: each extension item is
 * spliced in as a sibling just before or after the base item its insertBefore /
 * insertAfter names, with the extension's namespace prefixed ("ns:") to every id and
 * choice key it brings (not to conds). Structural problems VSAQ would refuse — no
 * single root block, a value item without an id, a duplicate id — are errors.
 */
import { parseVsaqon } from './vsaqon';

export interface VsaqChoice {
  id: string;
  label: string;
}

export interface VsaqItem {
  type: string;
  id?: string;
  cond?: string;
  /** Raw HTML, '' when absent. */
  text: string;
  /** Where the item is, e.g. questionnaire[0].items[2]. */
  path: string;
  /** A block's items; [] for other types. */
  items: VsaqItem[];
  /** A radiogroup's or checkgroup's choices; [] for other types. */
  choices: VsaqChoice[];
  /** The item as written, for the fields we read per type. */
  raw: Record<string, unknown>;
}

export const MAX_DEPTH = 32;
export const MAX_ITEMS = 10_000;
const MAX_ID_CHARS = 500;

/** Types whose items must have an id (VSAQ's ValueItem). */
const VALUE_TYPES = new Set(['tip', 'yesno', 'check', 'radio', 'line', 'box', 'upload']);
const GROUP_TYPES = new Set(['radiogroup', 'checkgroup']);

class TemplateError extends Error {}

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function parse(text: string, what: string): Raw {
  const parsed = parseVsaqon(text);
  if (!parsed.ok) throw new TemplateError(`${what}: ${parsed.error}`);
  if (!isObject(parsed.value)) throw new TemplateError(`${what}: the template must be a JSON object`);
  return parsed.value;
}

function rootBlock(base: Raw): Raw {
  const q = base.questionnaire;
  const root = Array.isArray(q) && q.length === 1 ? q[0] : undefined;
  if (!isObject(root) || root.type !== 'block' || !Array.isArray(root.items))
    throw new TemplateError(
      'Base template: "questionnaire" must hold exactly one block with "items" (VSAQ: all items must be contained in one root block)',
    );
  return root;
}

function withNamespace(item: unknown, ns: string, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new TemplateError(`Extension items are nested more than ${MAX_DEPTH} deep`);
  if (!isObject(item)) return item;
  const out: Raw = { ...item };
  if (typeof item.id === 'string') out.id = `${ns}:${item.id}`;
  if (Array.isArray(item.items)) out.items = item.items.map((x) => withNamespace(x, ns, depth + 1));
  if (Array.isArray(item.choices))
    out.choices = item.choices.map((c) =>
      isObject(c) ? Object.fromEntries(Object.entries(c).map(([k, v]) => [`${ns}:${k}`, v])) : c,
    );
  return out;
}

/** The items array holding the item with this id, and its index (depth-first, below the root). */
function findTarget(root: Raw, id: string): { list: unknown[]; index: number } | undefined {
  const stack: unknown[][] = [root.items as unknown[]];
  let visited = 0;
  while (stack.length) {
    const list = stack.pop()!;
    for (let i = 0; i < list.length; i++) {
      if (++visited > MAX_ITEMS) throw new TemplateError(`The template has more than ${MAX_ITEMS} items`);
      const item = list[i];
      if (!isObject(item)) continue;
      if (item.id === id) return { list, index: i };
    }
    for (let i = list.length - 1; i >= 0; i--) {
      const item = list[i];
      if (isObject(item) && Array.isArray(item.items)) stack.push(item.items);
    }
  }
  return undefined;
}

function applyExtension(root: Raw, baseVersion: unknown, text: string, n: number): void {
  const what = `Extension ${n + 1}`;
  const ext = parse(text, what);
  if (!Array.isArray(ext.extensions))
    throw new TemplateError(`${what}: "extensions" must be a list of items`);
  // VSAQ compares with != (so 1 and "1" match, and two missing versions match).
  if (ext.version != baseVersion)
    throw new TemplateError(
      `${what}: its version (${String(ext.version)}) must match the base template's (${String(baseVersion)})`,
    );
  const ns = ext.namespace;
  if (ns !== undefined && typeof ns !== 'string')
    throw new TemplateError(`${what}: "namespace" must be text`);
  ext.extensions.forEach((rawItem, k) => {
    const where = `${what}, item ${k + 1}`;
    if (!isObject(rawItem)) throw new TemplateError(`${where}: an item must be an object`);
    const before = rawItem.insertBefore;
    const after = rawItem.insertAfter;
    if ((before === undefined) === (after === undefined))
      throw new TemplateError(`${where}: needs exactly one of "insertBefore" or "insertAfter"`);
    const targetId = before ?? after;
    if (typeof targetId !== 'string' || !targetId)
      throw new TemplateError(`${where}: "insertBefore"/"insertAfter" must name an item id`);
    const target = findTarget(root, targetId);
    if (!target) throw new TemplateError(`${where}: target item id "${targetId}" was not found`);
    const item = ns ? withNamespace(rawItem, ns, 0) : rawItem;
    target.list.splice(before !== undefined ? target.index : target.index + 1, 0, item);
  });
}

interface BuildState {
  count: number;
  ids: Map<string, string>;
}

function claimId(state: BuildState, id: string, path: string, what: string): void {
  const earlier = state.ids.get(id);
  if (earlier !== undefined)
    throw new TemplateError(`${path}: duplicate ${what} id "${id}" (also at ${earlier})`);
  state.ids.set(id, path);
}

function optionalString(raw: Raw, key: string, path: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new TemplateError(`${path}: "${key}" must be text`);
  return v;
}

function build(raw: unknown, path: string, depth: number, state: BuildState): VsaqItem {
  if (depth > MAX_DEPTH) throw new TemplateError(`${path}: blocks are nested more than ${MAX_DEPTH} deep`);
  if (++state.count > MAX_ITEMS) throw new TemplateError(`The template has more than ${MAX_ITEMS} items`);
  if (!isObject(raw)) throw new TemplateError(`${path}: an item must be an object`);
  if (typeof raw.type !== 'string' || !raw.type) throw new TemplateError(`${path}: an item needs a "type"`);
  const type = raw.type;
  const id = optionalString(raw, 'id', path) || undefined;
  if (VALUE_TYPES.has(type) && id === undefined)
    throw new TemplateError(`${path}: a ${type} item must have an id`);
  if (id !== undefined && id.length > MAX_ID_CHARS)
    throw new TemplateError(`${path}: an id is longer than ${MAX_ID_CHARS} characters`);
  if (id !== undefined) claimId(state, id, path, 'item');
  const item: VsaqItem = {
    type,
    id,
    cond: optionalString(raw, 'cond', path),
    text: optionalString(raw, 'text', path) ?? '',
    path,
    items: [],
    choices: [],
    raw,
  };
  if (type === 'block') {
    if (!Array.isArray(raw.items)) throw new TemplateError(`${path}: a block needs an "items" list`);
    item.items = raw.items.map((x, i) => build(x, `${path}.items[${i}]`, depth + 1, state));
  }
  if (GROUP_TYPES.has(type)) {
    if (!Array.isArray(raw.choices)) throw new TemplateError(`${path}: a ${type} needs a "choices" list`);
    item.choices = raw.choices.map((c, i) => {
      const at = `${path}.choices[${i}]`;
      const entry = isObject(c) ? Object.entries(c)[0] : undefined;
      if (!entry || !entry[0] || typeof entry[1] !== 'string')
        throw new TemplateError(`${at}: a choice must be an object { "<choice id>": "<label>" }`);
      if (entry[0].length > MAX_ID_CHARS)
        throw new TemplateError(`${at}: an id is longer than ${MAX_ID_CHARS} characters`);
      claimId(state, entry[0], at, 'choice');
      return { id: entry[0], label: entry[1] };
    });
  }
  return item;
}

/** The root block of the base template with every extension applied, checked. */
export function readTemplate(
  baseText: string,
  extensions: readonly string[] = [],
): { ok: true; root: VsaqItem; version: unknown } | { ok: false; error: string } {
  try {
    const base = parse(baseText, 'Base template');
    const root = rootBlock(base);
    extensions.forEach((text, n) => applyExtension(root, base.version, text, n));
    const built = build(root, 'questionnaire[0]', 0, { count: 0, ids: new Map() });
    return { ok: true, root: built, version: base.version };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: 'The template is nested too deeply' };
    throw e;
  }
}
