/** The handler table of the questionnaire library's operations. */
import { loadBuiltinQuestionnaires } from '../../services/builtin-questionnaires';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { questionnaireOps } from './questionnaires';

/** The service call behind each questionnaire operation (the built-in ones are loaded on first use). */
export function questionnaireHandlers({
  services,
  importing,
}: HandlerContext): HandlerTable<typeof questionnaireOps> {
  return {
    'questionnaires.list': async () => {
      await loadBuiltinQuestionnaires();
      return services.questionnaires.list();
    },
    'questionnaires.get': async ({ id, version }) => {
      await loadBuiltinQuestionnaires();
      return services.questionnaires.get(id, version);
    },
    'questionnaires.validate': ({ content, format, id, extensions }) =>
      services.questionnaires.validate(content, format, { id, extensions }),
    'questionnaires.import': async ({ content, format, id, extensions }, job) => {
      await loadBuiltinQuestionnaires();
      return importing(
        job,
        () => services.questionnaires.validate(content, format, { id, extensions }),
        () => services.questionnaires.import(content, format, { id, extensions }),
      );
    },
  };
}
