/** `settings set target`: the targets the board pack shows beside its key figures. */
import { KEY_FIGURE_INFO, KEY_FIGURES, type BoardTargets, type KeyFigureId } from '../domain/board-targets';
import { formatFields } from './format';
import { done, failure, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

/** The targets as `settings show`-style lines. */
function targetLines(t: BoardTargets): string {
  return formatFields(
    KEY_FIGURES.map((id) => [
      `${id} (${KEY_FIGURE_INFO[id].label.toLowerCase()})`,
      t[id] === null ? 'no target' : `${t[id]}${KEY_FIGURE_INFO[id].unit ?? ''}`,
    ]),
  );
}

/** `settings set target FIGURE VALUE`. */
export const settingsSetTarget: CommandSpec = {
  writes: true,
  words: ['settings', 'set', 'target'],
  summary: 'Set a board pack target (a number, or "none")',
  description:
    `Sets the target printed beside a key figure on the board pack's first page. FIGURE is one of: ` +
    `${KEY_FIGURES.join(', ')}. VALUE is a number (scores and shares 0–100) or "none" for no target. ` +
    'Kept with the data and audited; prints every target.',
  args: ['FIGURE', 'VALUE'],
  options: {},
  examples: ['vendor-risk settings set target averageScore 75', 'vendor-risk settings set target high none'],
  async run({ dispatcher, args }) {
    const [figure = '', raw = ''] = args;
    if (!(KEY_FIGURES as readonly string[]).includes(figure))
      return failure(`unknown figure "${figure}": use one of ${KEY_FIGURES.join(', ')}`);
    const value = raw.trim().toLowerCase() === 'none' ? null : Number(raw);
    if (value !== null && (raw.trim() === '' || !Number.isFinite(value)))
      return failure(`the target must be a number or "none", not "${raw}"`);
    const result = await request(dispatcher, 'settings.setBoardTargets', {
      targets: { [figure as KeyFigureId]: value },
    });
    if (!result.ok) return failureFromError(result.error);
    return done(`Board pack targets:\n${targetLines(result.value)}`, result.value);
  },
};
