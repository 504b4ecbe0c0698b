/** A generated yes/no questionnaire: `sections` × `perSection` questions, every fifth shown only after a yes or partial, a red flag on each "no" (a knockout on every tenth). */
export function benchQuestionnaire(id: string, sections: number, perSection: number) {
  return {
    format: 'vendor-risk-questionnaire/1',
    id,
    version: '1.0.0',
    title: `Bench ${id}`,
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `s${s}`,
      title: `Section ${s + 1}`,
      questions: Array.from({ length: perSection }, (_, i) => {
        const qid = `q${s}_${i}`;
        const prev = `q${s}_${i - 1}`;
        return {
          id: qid,
          text: `Question ${s + 1}.${i + 1}: is control ${qid} in place?`,
          guidance: 'Generated for benchmarks.',
          type: 'yes-no',
          weight: 1 + (i % 3),
          ...(i % 5 === 4 ? { showIf: { question: prev, in: ['yes', 'partial'] } } : {}),
          redFlags: [
            {
              id: `f_${qid}`,
              when: { question: qid, is: 'no' },
              severity: 'high',
              message: `No ${qid}`,
              knockout: i % 10 === 0,
            },
          ],
        };
      }),
    })),
  };
}
