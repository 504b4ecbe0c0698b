/**
 * CSAF VEX (a CSAF 2.0 document of any category) as one of the SBOM import's formats: its
 * product status read as VEX statements by the advisories' own CSAF reader (csaf-vex.ts),
 * the reader's first problem passed on as the SBOM import's.
 */
import { CsafProblem } from './csaf-fields';
import { csafVexStatements } from './csaf-vex';
import type { SbomFileFormat } from './sbom-format';
import { isObject, refuse } from './sbom-json';

export const CSAF_VEX: SbomFileFormat = {
  id: 'csaf-vex',
  name: 'CSAF VEX',
  recognise: (doc) => isObject(doc.document) && typeof doc.document.csaf_version === 'string',
  read(doc) {
    try {
      const vex = csafVexStatements(doc);
      const tracking =
        isObject(doc.document) && isObject(doc.document.tracking) ? doc.document.tracking : null;
      return {
        format: { id: 'csaf-vex', name: 'CSAF VEX' },
        documentId: tracking && typeof tracking.id === 'string' ? tracking.id : null,
        sbom: null,
        refs: {},
        vex,
        warnings: [],
      };
    } catch (error) {
      if (error instanceof CsafProblem) refuse(error.message);
      throw error;
    }
  },
};
