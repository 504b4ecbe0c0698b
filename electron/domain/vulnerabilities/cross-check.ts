/**
 * What a vendor promised against what the record shows: the contract's critical-patch time
 * and the questionnaire's answers ("we fix critical firmware flaws within 14 days", "we
 * mitigate actively exploited flaws within 72 hours") held against the advisories that
 * affect our devices of that maker. Pure: the caller gathers the promises and the matches.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../primitives';
import { daysBetween } from '../days';

/** A promise the vendor made about fixing time, and where it was made. */
export const PatchPromiseSchema = z
  .object({
    /** 'contract' for an agreed clause, 'questionnaire' for an answer. */
    source: z.enum(['contract', 'questionnaire']),
    /** How the promise reads ("critical patches within 14 days"). */
    label: z.string(),
    /** Days allowed from the advisory's release to a fix (or, for exploited flaws, to a mitigation). */
    days: z.number().min(0),
    /** Only flaws in the exploited catalog: the emergency process promise. */
    exploitedOnly: z.boolean(),
  })
  .strict();
export type PatchPromise = z.infer<typeof PatchPromiseSchema>;

/** One CVE affecting some of our devices of the vendor, with what was done about it. */
export const OpenVulnerabilitySchema = z
  .object({
    cve: z.string(),
    advisoryId: z.string(),
    /** When the advisory made the flaw known. */
    released: IsoDateSchema,
    /** The first fixed version, when a vendor fix exists. */
    fixedVersion: z.string().nullable(),
    /** When the fix was published (the remediation's date, else the advisory's release). */
    fixDate: IsoDateSchema.nullable(),
    /** When a mitigation or workaround was published, if any. */
    mitigationDate: IsoDateSchema.nullable(),
    inKev: z.boolean(),
    /** Our devices still affected, with their firmware as the inventory says. */
    devices: z.array(z.object({ deviceId: z.string(), firmware: z.string().nullable() }).strict()),
  })
  .strict();
export type OpenVulnerability = z.infer<typeof OpenVulnerabilitySchema>;

/** A promise the record contradicts, worded for the reader. */
export const ContradictionSchema = z
  .object({
    source: z.enum(['contract', 'questionnaire']),
    cve: z.string(),
    advisoryId: z.string(),
    /** Days past what was promised. */
    daysLate: z.number().int(),
    message: z.string(),
  })
  .strict();
export type Contradiction = z.infer<typeof ContradictionSchema>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "V4.5" when all devices run one version, "V4.5, V4.4" for a few, "unknown firmware" when none says. */
function firmwareWords(devices: OpenVulnerability['devices']): string {
  const versions = [...new Set(devices.map((d) => d.firmware).filter((f): f is string => !!f))];
  if (versions.length === 0) return 'firmware of unknown version';
  if (versions.length <= 3) return versions.join(', ');
  return `${versions.slice(0, 3).join(', ')} and ${plural(versions.length - 3, 'other version')}`;
}

/**
 * The contradictions between a vendor's promises and the open vulnerabilities of its
 * devices on `today`: devices still exposed longer than the promised time (whether the fix
 * came late or was never rolled out, the message says which), or for the exploited-flaw
 * promise no fix or mitigation within it. Each says what was promised, what happened and
 * how many of our devices are still exposed.
 */
export function patchContradictions(
  promises: readonly PatchPromise[],
  open: readonly OpenVulnerability[],
  today: string,
): Contradiction[] {
  const out: Contradiction[] = [];
  for (const promise of promises) {
    for (const v of open) {
      if (v.devices.length === 0 || (promise.exploitedOnly && !v.inKev)) continue;
      // The exploited-flaw promise is kept by a mitigation in time; a patch promise only
      // when our devices run the fix, so devices still exposed count until today.
      const acted = promise.exploitedOnly ? earliest(v.fixDate, v.mitigationDate) : v.fixDate;
      const took = daysBetween(v.released, acted ?? today);
      const late = (promise.exploitedOnly ? took : daysBetween(v.released, today)) - promise.days;
      if (late <= 0) continue;
      const exposed = `${plural(v.devices.length, 'of our devices', 'of our devices')} still on ${firmwareWords(v.devices)}`;
      const happened = acted
        ? v.fixDate && acted === v.fixDate
          ? `${v.cve} fixed${v.fixedVersion ? ` in ${v.fixedVersion}` : ''} on ${acted}, ${plural(took, 'day')} after the advisory`
          : `${v.cve} mitigated on ${acted}, ${plural(took, 'day')} after the advisory`
        : `${v.cve} has no ${promise.exploitedOnly ? 'fix or mitigation' : 'fix'} ${plural(took, 'day')} after the advisory of ${v.released}`;
      const since = v.fixDate ? ` after ${plural(daysBetween(v.fixDate, today), 'day')}` : '';
      out.push({
        source: promise.source,
        cve: v.cve,
        advisoryId: v.advisoryId,
        daysLate: late,
        message: `${promise.source === 'contract' ? 'Contract' : 'Questionnaire'}: ${promise.label}; ${happened}; ${exposed}${since}.`,
      });
    }
  }
  return out.sort((a, b) => b.daysLate - a.daysLate || a.cve.localeCompare(b.cve));
}

function earliest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** The questionnaire questions whose answers are patch promises (days to a critical fix). */
export const PATCH_DAYS_QUESTIONS = ['fw_critical_patch_days', 'edge_patch_days'] as const;
/** The question whose "yes" promises a mitigation of an exploited flaw within 72 hours. */
export const EXPLOITED_PROCESS_QUESTION = 'vdp_exploited_process';

/**
 * A vendor's promises from what it agreed and answered: the contract's critical-patch days,
 * the quickest fixing time it answered, and its emergency process for exploited flaws.
 */
export function patchPromises(given: {
  contractDays: number | null;
  answeredDays: readonly number[];
  exploitedProcess: boolean;
}): PatchPromise[] {
  const out: PatchPromise[] = [];
  if (given.contractDays !== null)
    out.push({
      source: 'contract',
      label: `critical patches within ${plural(given.contractDays, 'day')}`,
      days: given.contractDays,
      exploitedOnly: false,
    });
  if (given.answeredDays.length > 0) {
    const days = Math.min(...given.answeredDays);
    out.push({
      source: 'questionnaire',
      label: `“we fix critical firmware flaws within ${plural(days, 'day')}”`,
      days,
      exploitedOnly: false,
    });
  }
  if (given.exploitedProcess)
    out.push({
      source: 'questionnaire',
      label: '“exploited flaws mitigated within 72 hours”',
      days: 3,
      exploitedOnly: true,
    });
  return out;
}
