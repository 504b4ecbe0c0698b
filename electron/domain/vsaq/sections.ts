/**
 * Maps the VSAQ item tree onto sections, questions and section red-flag rules.
 * - The root block is the questionnaire. Each block below it becomes a section,
 *   except a "wrapper" block that holds only blocks (and info): it is dissolved and
 *   its title prefixes its children's section titles ("Application › HTTPS").
 * - Blocks nested inside a section are flattened into it: their questions follow in
 *   order, their text prefixed by the nested blocks' titles, and every enclosing
 *   block's cond is AND-ed into each question's showIf and each rule's `when`.
 * - info → guidance of the following question (or of the section when none follows);
 *   a plain tip → guidance of the question before it; a warning tip → red-flag rule.
 */
import type { Condition } from '../condition';
import type { QuestionnaireInput, Severity } from '../questionnaire';
import { SEVERITIES } from '../questionnaire';
import { allOf } from './cond';
import { MAX_CHOICES, RefTable, isQuestionItem, label } from './refs';
import type { VsaqItem } from './template';
import { clip, htmlToText } from './text';

export type SectionOut = QuestionnaireInput['sections'][number];
export type QuestionOut = SectionOut['questions'][number];
export type RedFlagOut = NonNullable<SectionOut['redFlags']>[number];

export interface MapLog {
  unmapped: { path: string; id?: string; type: string; reason: string }[];
  notes: string[];
  /** Counters behind summary notes, e.g. "tip.why". */
  tally: Map<string, number>;
}

interface Draft {
  id: string;
  title: string;
  guidance: string[];
  questions: QuestionOut[];
  redFlags: RedFlagOut[];
}

const IGNORED_FIELDS = [
  'auth',
  'className',
  'default',
  'placeholder',
  'inputType',
  'inputPattern',
  'maxlength',
];

export class SectionMapper {
  readonly drafts: Draft[] = [];
  private pending: string[] = [];

  constructor(
    private readonly refs: RefTable,
    private readonly log: MapLog,
  ) {}

  private count(key: string, n = 1) {
    this.log.tally.set(key, (this.log.tally.get(key) ?? 0) + n);
  }

  /** Walks a dissolved container (the root or a wrapper block). */
  dissolve(container: VsaqItem, titles: string[]): void {
    let loose: Draft | undefined;
    for (const child of container.items) {
      if (child.type === 'block') {
        loose = undefined;
        const path = [...titles, this.blockTitle(child)];
        if (isWrapper(child)) {
          this.count('wrapper');
          this.dissolve(child, path);
        } else {
          this.blockNotes(child);
          const draft = this.open(child.id ? this.refs.ids.map(child.id) : undefined, path);
          this.fill(draft, child.items, []);
          this.close(draft);
        }
      } else if (child.type === 'info' || child.type === 'spacer') {
        this.item(undefined, child, []);
      } else {
        // Questions directly in the root block: a section titled like the questionnaire.
        if (!loose) loose = this.open(undefined, titles.length ? titles : [this.blockTitle(container)]);
        this.item(loose, child, []);
      }
    }
    if (loose) this.close(loose);
  }

  /** Guidance left over after the last question goes to the last section. */
  finish(): void {
    const last = this.drafts[this.drafts.length - 1];
    if (last) this.close(last);
  }

  private blockTitle(block: VsaqItem): string {
    return htmlToText(block.text).replace(/\s+/g, ' ') || (block.id ?? 'Untitled');
  }

  private open(id: string | undefined, titles: string[]): Draft {
    const title = clip(titles.join(' › '), 200).text;
    if (id === undefined) {
      id = this.refs.ids.generate(titles[titles.length - 1] ?? 'section');
      this.refs.generated.push(id);
    }
    const draft: Draft = {
      id,
      title,
      guidance: this.pending,
      questions: [],
      redFlags: [],
    };
    this.pending = [];
    this.drafts.push(draft);
    return draft;
  }

  private close(draft: Draft) {
    draft.guidance.push(...this.pending);
    this.pending = [];
  }

  private fill(draft: Draft, items: VsaqItem[], sub: string[]) {
    for (const item of items) {
      if (item.type === 'block') {
        this.count('flattened');
        this.blockNotes(item);
        this.fill(draft, item.items, [...sub, this.blockTitle(item)]);
      } else this.item(draft, item, sub);
    }
  }

  private item(draft: Draft | undefined, item: VsaqItem, sub: string[]) {
    const unmapped = (reason: string) =>
      this.log.unmapped.push({ path: item.path, id: item.id, type: item.type, reason });
    if (item.type === 'spacer') return;
    if (item.type === 'info') {
      const text = htmlToText(item.text);
      if (text) this.pending.push(text);
      if (item.cond?.trim()) this.count('info.cond');
      return;
    }
    if (!draft) return unmapped('Outside any section');
    if (item.type === 'tip') return this.tip(draft, item);
    if (item.type === 'radio')
      return unmapped('A loose radio button has no question of its own; not imported');
    if (!isQuestionItem(item)) return unmapped(`Unknown VSAQ item type "${item.type}"; not imported`);
    if (item.type === 'radiogroup' || item.type === 'checkgroup') {
      if (this.refs.group(item).mode === 'none')
        return unmapped(`A ${item.type} needs 1 to ${MAX_CHOICES} choices; not imported`);
      if (Array.isArray(item.raw.choicesConds) && item.raw.choicesConds.length)
        unmapped('Per-choice conditions (choicesConds) are not imported; every choice is shown');
    }
    draft.questions.push(this.question(item, sub, draft.title));
  }

  private question(item: VsaqItem, sub: string[], sectionTitle: string): QuestionOut {
    this.noteIgnored(item);
    let text = htmlToText(item.text);
    const guidance = this.pending;
    this.pending = [];
    if (!text) {
      // VSAQ often asks the question in an info right before a caption-less group.
      const info = guidance[guidance.length - 1];
      if (info !== undefined && info.length <= 300 && !info.startsWith('Tip: ')) text = guidance.pop()!;
      else {
        this.count('question.untitled');
        text = sub.length ? sub.join(' › ') : sectionTitle;
      }
    }
    if (sub.length && text !== sub.join(' › ')) text = `${sub.join(' › ')}: ${text}`;
    const showIf = allOf(this.refs.conditionChain(item));
    const q: QuestionOut = {
      id: this.refs.questionId(item),
      text: this.clipped(text, 2000, item, 'text'),
      type: 'short-text',
      ...(showIf ? { showIf } : {}),
      ...(item.raw.required === true && item.type !== 'check' ? { required: true } : {}),
    };
    switch (item.type) {
      case 'yesno':
      case 'check': {
        Object.assign(q, { type: 'yes-no', allowPartial: false });
        const yes = htmlToText(item.raw.yes);
        const no = htmlToText(item.raw.no);
        if (yes || no) guidance.push([yes && `Yes: ${yes}`, no && `No: ${no}`].filter(Boolean).join('\n'));
        break;
      }
      case 'box':
        q.type = 'long-text';
        break;
      case 'upload':
        Object.assign(q, { type: 'evidence', evidence: { kinds: ['other'], validForMonths: 12 } });
        break;
      case 'radiogroup':
      case 'checkgroup': {
        const plan = this.refs.group(item);
        const labelOf = (c: { id: string; label: string }) =>
          this.clipped(htmlToText(c.label).replace(/\s+/g, ' ') || c.id, 500, item, 'choice label');
        if (plan.mode === 'yes-no') {
          Object.assign(q, { type: 'yes-no', allowPartial: false });
          guidance.push(`Yes means: ${labelOf(plan.choices[0]!)}`);
          this.count('group.yesno');
          break;
        }
        q.type = item.type === 'radiogroup' ? 'single-choice' : 'multiple-choice';
        q.choices = plan.choices.map((c) => ({
          id: plan.choiceIds.get(c.id) ?? c.id,
          label: labelOf(c),
          points: 50,
        }));
        break;
      }
    }
    if (guidance.length) q.guidance = this.clipped(guidance.join('\n\n'), 4000, item, 'guidance');
    return q;
  }

  private tip(draft: Draft, item: VsaqItem) {
    this.noteIgnored(item);
    if (typeof item.raw.why === 'string' && item.raw.why) this.count('tip.why');
    if (item.raw.todo !== undefined) this.count('tip.todo');
    const text = htmlToText(item.text);
    if (item.raw.warn !== 'yes') {
      this.count('tip.plain');
      if (!text) return;
      const last = draft.questions[draft.questions.length - 1];
      if (last)
        last.guidance = this.clipped(
          `${last.guidance ? `${last.guidance}\n\n` : ''}Tip: ${text}`,
          4000,
          item,
          'guidance',
        );
      else this.pending.push(`Tip: ${text}`);
      return;
    }
    const raw = item.raw.severity;
    let severity: Severity = 'medium';
    if (typeof raw === 'string' && (SEVERITIES as readonly string[]).includes(raw.toLowerCase()))
      severity = raw.toLowerCase() as Severity;
    else this.count(raw === undefined ? 'severity.missing' : 'severity.unknown');
    const message =
      text ||
      htmlToText(item.raw.name) ||
      htmlToText(item.raw.customTitle) ||
      `VSAQ warning ${item.id ?? ''}`.trim();
    const when: Condition = allOf(this.refs.conditionChain(item)) ?? { const: true };
    draft.redFlags.push({
      id: this.refs.ids.map(item.id!),
      when,
      severity,
      message: this.clipped(message, 1000, item, 'message'),
      knockout: false,
    });
  }

  private clipped(text: string, max: number, item: VsaqItem, what: string): string {
    const c = clip(text, max);
    if (c.cut) this.log.notes.push(`${label(item)}: ${what} shortened to ${max} characters`);
    return c.text;
  }

  private blockNotes(block: VsaqItem) {
    this.noteIgnored(block);
    if (block.raw.auth === 'admin') this.count('block.admin');
  }

  private noteIgnored(item: VsaqItem) {
    for (const f of IGNORED_FIELDS) if (item.raw[f] !== undefined) this.count(`field.${f}`);
  }
}

/** A block that holds blocks and nothing answerable: its children become sections. */
export function isWrapper(block: VsaqItem): boolean {
  return (
    block.items.some((i) => i.type === 'block') &&
    block.items.every((i) => i.type === 'block' || i.type === 'info' || i.type === 'spacer')
  );
}
