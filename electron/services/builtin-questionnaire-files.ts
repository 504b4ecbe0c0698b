// The built-in questionnaires, bundled into the app and the CLI. A test checks that this
// list names every JSON file in questionnaires/ (add a line when you add a file).

import aiMlGovernance from '../../questionnaires/ai-ml-governance.json';
import dataResidency from '../../questionnaires/data-residency.json';
import edgeIotDevices from '../../questionnaires/edge-iot-devices.json';
import encryptionKeys from '../../questionnaires/encryption-keys.json';
import firmwareOta from '../../questionnaires/firmware-ota.json';
import identityAccess from '../../questionnaires/identity-access.json';
import incidentResponse from '../../questionnaires/incident-response.json';
import quickTriage from '../../questionnaires/quick-triage.json';
import secureSdlc from '../../questionnaires/secure-sdlc.json';
import selfAssessment from '../../questionnaires/self-assessment.json';
import soc2Audits from '../../questionnaires/soc2-audits.json';
import thirdPartyMonitoring from '../../questionnaires/third-party-monitoring.json';
import vulnerabilityDisclosure from '../../questionnaires/vulnerability-disclosure.json';

/** The raw JSON of each built-in questionnaire, by file name. */
export const BUILTIN_QUESTIONNAIRE_FILES: Record<string, unknown> = {
  'ai-ml-governance.json': aiMlGovernance,
  'data-residency.json': dataResidency,
  'edge-iot-devices.json': edgeIotDevices,
  'encryption-keys.json': encryptionKeys,
  'firmware-ota.json': firmwareOta,
  'identity-access.json': identityAccess,
  'incident-response.json': incidentResponse,
  'quick-triage.json': quickTriage,
  'secure-sdlc.json': secureSdlc,
  'self-assessment.json': selfAssessment,
  'soc2-audits.json': soc2Audits,
  'third-party-monitoring.json': thirdPartyMonitoring,
  'vulnerability-disclosure.json': vulnerabilityDisclosure,
};
