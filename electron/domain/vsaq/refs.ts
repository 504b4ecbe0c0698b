/**
 * The id table of an imported VSAQ template: what each VSAQ id (item or choice)
 * becomes in our questionnaire, and every item's `cond` translated once. A `^id` on
 * an item that is not one of our questions (a tip, a block) becomes that item's own
 * visibility: its condition AND-ed with those of its enclosing blocks.
 */
import type { Condition } from '../condition';
import { allOf, translateCond, type CondContext, type VsaqRef } from './cond';
import type { VsaqChoice, VsaqItem } from './template';
import { IdAllocator } from './text';

export const MAX_CHOICES = 50;

/** How a radiogroup or checkgroup is imported. */
export interface GroupPlan {
  /** choice: a choice question; yes-no: only one choice, so "selected" is yes; none: not imported. */
  mode: 'choice' | 'yes-no' | 'none';
  choices: VsaqChoice[];
  /** Our id of each choice, by VSAQ choice id. */
  choiceIds: Map<string, string>;
}

export class ImportError extends Error {}

const QUESTION_TYPES = new Set(['yesno', 'check', 'line', 'box', 'upload', 'radiogroup', 'checkgroup']);

export function isQuestionItem(item: VsaqItem): boolean {
  return QUESTION_TYPES.has(item.type);
}

/** The longest common prefix of choice ids, trimmed of separators: a name for an unnamed group. */
function commonPrefix(ids: string[]): string {
  if (!ids.length) return '';
  let prefix = ids[0]!;
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/[_.:-]+$/, '');
}

export class RefTable implements CondContext {
  readonly ids = new IdAllocator();
  readonly warnings: string[] = [];
  readonly generated: string[] = [];
  /** Number of non-empty cond expressions translated. */
  conditions = 0;
  private readonly refs = new Map<string, { ref: VsaqRef; item: VsaqItem }>();
  private readonly ancestors = new Map<VsaqItem, VsaqItem[]>();
  private readonly questionIds = new Map<VsaqItem, string>();
  private readonly groups = new Map<VsaqItem, GroupPlan>();
  private readonly conds = new Map<VsaqItem, Condition | undefined>();
  private readonly inProgress: VsaqItem[] = [];

  constructor(readonly root: VsaqItem) {
    const all: VsaqItem[] = [];
    const collect = (item: VsaqItem, chain: VsaqItem[]) => {
      all.push(item);
      this.ancestors.set(item, chain);
      for (const child of item.items) collect(child, [...chain, item]);
    };
    collect(root, []);
    this.ids.reserve(all.flatMap((i) => [...(i.id ? [i.id] : []), ...i.choices.map((c) => c.id)]));
    for (const item of all) this.register(item);
    for (const item of all) this.ownCond(item);
  }

  resolve(id: string): VsaqRef | undefined {
    return this.refs.get(id)?.ref;
  }

  visibility(id: string): Condition | undefined {
    const entry = this.refs.get(id);
    if (!entry) return undefined;
    return allOf([...this.ancestors.get(entry.item)!.map((a) => this.ownCond(a)), this.ownCond(entry.item)]);
  }

  /** Our question id for a question item. */
  questionId(item: VsaqItem): string {
    return this.questionIds.get(item)!;
  }

  group(item: VsaqItem): GroupPlan {
    return this.groups.get(item)!;
  }

  /** The item's own cond, translated (undefined when it has none). */
  ownCond(item: VsaqItem): Condition | undefined {
    if (this.conds.has(item)) return this.conds.get(item);
    if (this.inProgress.includes(item)) {
      const chain = [...this.inProgress.slice(this.inProgress.indexOf(item)), item];
      throw new ImportError(`Conditions depend on themselves through ^: ${chain.map(label).join(' → ')}`);
    }
    const text = item.cond?.trim() ?? '';
    if (!text) {
      this.conds.set(item, undefined);
      return undefined;
    }
    this.inProgress.push(item);
    const result = translateCond(text, this);
    this.inProgress.pop();
    if (!result.ok) throw new ImportError(`${label(item)}: ${result.error}`);
    for (const w of result.warnings) this.warnings.push(`${label(item)}: ${w}`);
    this.conds.set(item, result.condition);
    this.conditions++;
    return result.condition;
  }

  /** Ancestor blocks' conds and the item's own, translated. */
  conditionChain(item: VsaqItem): (Condition | undefined)[] {
    return [...this.ancestors.get(item)!.map((a) => this.ownCond(a)), this.ownCond(item)];
  }

  private add(id: string | undefined, ref: VsaqRef, item: VsaqItem) {
    if (id !== undefined) this.refs.set(id, { ref, item });
  }

  private register(item: VsaqItem) {
    const { type, id } = item;
    const qid = () => {
      const ours = id !== undefined ? this.ids.map(id) : this.unnamedGroupId(item);
      this.questionIds.set(item, ours);
      return ours;
    };
    switch (type) {
      case 'yesno':
      case 'check':
        this.add(id, { kind: type === 'yesno' ? 'yesno' : 'check', question: qid() }, item);
        return;
      case 'line':
      case 'box':
      case 'upload':
        this.add(id, { kind: 'text', question: qid() }, item);
        return;
      case 'radiogroup':
      case 'checkgroup':
        this.registerGroup(item, qid);
        return;
      case 'tip':
        this.add(id, { kind: 'tip' }, item);
        return;
      case 'block':
      case 'info':
      case 'spacer':
        this.add(id, { kind: 'static', type }, item);
        return;
      default:
        this.add(id, { kind: 'unmapped', type }, item);
    }
  }

  private registerGroup(item: VsaqItem, qid: () => string) {
    const multiple = item.type === 'checkgroup';
    const choices = [...item.choices];
    const choiceIds = new Map<string, string>();
    const withNone = item.raw.defaultChoice === true;
    const count = choices.length + (withNone ? 1 : 0);
    const mode = count === 0 || count > MAX_CHOICES ? 'none' : count === 1 ? 'yes-no' : 'choice';
    this.groups.set(item, { mode, choices, choiceIds });
    if (mode === 'none') {
      this.add(item.id, { kind: 'unmapped', type: item.type }, item);
      for (const c of choices) this.add(c.id, { kind: 'unmapped', type: `${item.type} choice` }, item);
      return;
    }
    const question = qid();
    if (withNone) {
      // VSAQ adds "None of the above." with a random id; ours is stable.
      const noneId = this.ids.generate(`${question}_none`);
      this.generated.push(noneId);
      choices.push({ id: noneId, label: 'None of the above.' });
      choiceIds.set(noneId, noneId);
    }
    if (mode === 'yes-no') {
      this.add(item.id, { kind: 'check', question }, item);
      for (const c of item.choices) this.add(c.id, { kind: 'check', question }, item);
      return;
    }
    this.add(item.id, { kind: 'group', question }, item);
    for (const c of item.choices) {
      const ours = this.ids.map(c.id);
      choiceIds.set(c.id, ours);
      this.add(c.id, { kind: 'choice', question, choice: ours, multiple }, item);
    }
  }

  private unnamedGroupId(item: VsaqItem): string {
    const prefix = commonPrefix(item.choices.map((c) => c.id));
    const id = this.ids.generate(prefix.length >= 3 ? prefix : `${item.type}_question`);
    this.generated.push(id);
    return id;
  }
}

export function label(item: VsaqItem): string {
  return item.id ? `${item.path} (${item.id})` : item.path;
}
