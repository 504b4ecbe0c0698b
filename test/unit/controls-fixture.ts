/** A questionnaire of five yes/no controls; "no" to the first raises a critical knockout. */
export const CONTROLS = JSON.stringify({
  format: 'vendor-risk-questionnaire/1',
  id: 'portfolio-controls',
  version: '1.0.0',
  title: 'Five controls',
  sections: [
    {
      id: 'controls',
      title: 'Controls',
      questions: Array.from({ length: 5 }, (_x, i) => ({
        id: `c${i + 1}`,
        text: `Is control ${i + 1} in place?`,
        type: 'yes-no',
        ...(i === 0
          ? {
              redFlags: [
                {
                  id: 'no_c1',
                  when: { question: 'c1', is: 'no' },
                  severity: 'critical',
                  message: 'No detailed audit logs',
                  knockout: true,
                },
              ],
            }
          : {}),
      })),
    },
  ],
});
