import { assessAnswer } from './assess-answer';
import { assessList, assessShow, assessStart, assessStatus } from './assess-commands';
import { assessReview } from './assess-review';
import { info } from './other-commands';
import {
  demoLoad,
  demoRemove,
  settingsSetCompany,
  settingsSetRoadmapOwner,
  settingsShow,
} from './sample-commands';
import { portfolio } from './portfolio-commands';
import {
  questionnairesImport,
  questionnairesList,
  questionnairesShow,
  questionnairesValidate,
} from './questionnaire-commands';
import { score } from './score-commands';
import { devicesExport, devicesFindings, devicesImport } from './device-commands';
import { sbomImport, sbomList } from './sbom-commands';
import { devicesLink, devicesLinks, devicesVulnerabilities } from './device-vulnerability-commands';
import { clausesExport, clausesList, clausesSet, clausesShow, clausesSignOff } from './clause-commands';
import { reportBoard, reportSelf, reportVendor } from './report-commands';
import { settingsSetTarget } from './board-target-commands';
import { auditExport, auditList, auditVerify } from './audit-commands';
import { backupCreate, backupList, backupRestore } from './backup-commands';
import { encryptionEnable, encryptionPassphrase, encryptionStatus } from './encryption-commands';
import { exchangeExport, exchangeImport, exchangeSboms } from './exchange-commands';
import type { CommandSpec } from './spec';
import { vendorsFilters, vendorsHistory, vendorsList, vendorsShow } from './vendor-read-commands';
import { vendorsAdd, vendorsRemove, vendorsUpdate } from './vendor-write-commands';
import { vendorsImport } from './vendor-import-commands';
import { advisoriesImport, advisoriesList } from './advisory-commands';
import { teamInit, teamUserAdd, teamUsers } from './team-commands';
import { teamExport, teamImport } from './team-move-commands';

/** Every command of `vendor-risk`, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  vendorsList,
  vendorsFilters,
  vendorsAdd,
  vendorsShow,
  vendorsUpdate,
  vendorsRemove,
  vendorsHistory,
  vendorsImport,
  questionnairesList,
  questionnairesShow,
  questionnairesValidate,
  questionnairesImport,
  assessStart,
  assessList,
  assessAnswer,
  assessShow,
  assessReview,
  assessStatus,
  score,
  portfolio,
  clausesList,
  clausesShow,
  clausesSet,
  clausesSignOff,
  clausesExport,
  devicesImport,
  devicesFindings,
  devicesExport,
  sbomImport,
  sbomList,
  advisoriesImport,
  advisoriesList,
  devicesVulnerabilities,
  devicesLink,
  devicesLinks,
  exchangeExport,
  exchangeImport,
  exchangeSboms,
  reportVendor,
  reportBoard,
  reportSelf,
  auditVerify,
  auditList,
  auditExport,
  backupCreate,
  backupRestore,
  backupList,
  encryptionStatus,
  encryptionEnable,
  encryptionPassphrase,
  settingsShow,
  settingsSetCompany,
  settingsSetRoadmapOwner,
  settingsSetTarget,
  demoLoad,
  demoRemove,
  teamInit,
  teamUserAdd,
  teamUsers,
  teamImport,
  teamExport,
  info,
];
