/**
 * What a vendor promised against what the record shows: the contract's critical-patch time
 * and the questionnaire's answers ("we fix critical firmware flaws within 14 days", "we
 * mitigate actively exploited flaws within 72 hours", "no known exploited vulnerability is
 * open in what we supply") held against the advisories that affect our devices of that
 * maker and the devices' last firmware updates. Pure: the caller gathers the promises and
 * the matches.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../primitives';
import { daysBetween } from '../days';
import { ExposedDeviceSchema, ExposureSchema, exposureOf, exposureWords } from './cross-check-exposure';

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
    /** Since when the flaw is in the exploited catalog. */
    kevDateAdded: IsoDateSchema.nullable(),
    /** Our devices still affected, with their firmware and last firmware update as the inventory says. */
    devices: z.array(ExposedDeviceSchema),
  })
  .strict();
export type OpenVulnerability = z.infer<typeof OpenVulnerabilitySchema>;

/** A promise the record contradicts, worded for the reader. */
export const ContradictionSchema = z
  .object({
    source: z.enum(['contract', 'questionnaire']),
    cve: z.string(),
    advisoryId: z.string(),
    /** Days past what was promised (for an answer that nothing exploited is open: days it has not held). */
    daysLate: z.number().int(),
    message: z.string(),
    /** Our devices still exposed, by why: no fix, not updated since the fix, updated yet still affected. */
    exposure: z.array(ExposureSchema),
  })
  .strict();
export type Contradiction = z.infer<typeof ContradictionSchema>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The contradictions between a vendor's promises and the open vulnerabilities of its
 * devices on `today`: devices still exposed longer than the promised time (whether the fix
 * came late, was never rolled out — the device not updated since the fix — or an update
 * after the fix left the device on an affected version, the message says which), or for
 * the exploited-flaw promise no fix or mitigation within it. Each says what was promised,
 * what happened and how many of our devices are still exposed, for how long.
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
      const exposure = exposureOf(v, today);
      const happened = acted
        ? v.fixDate && acted === v.fixDate
          ? `${v.cve} fixed${v.fixedVersion ? ` in ${v.fixedVersion}` : ''} on ${acted}, ${plural(took, 'day')} after the advisory`
          : `${v.cve} mitigated on ${acted}, ${plural(took, 'day')} after the advisory`
        : `${v.cve} has no ${promise.exploitedOnly ? 'fix or mitigation' : 'fix'} ${plural(took, 'day')} after the advisory of ${v.released}`;
      out.push({
        source: promise.source,
        cve: v.cve,
        advisoryId: v.advisoryId,
        daysLate: late,
        message: `${promise.source === 'contract' ? 'Contract' : 'Questionnaire'}: ${promise.label}; ${happened}; ${exposureWords(exposure)}.`,
        exposure,
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

/** The question whose "no" claims that no known exploited vulnerability is open in what the vendor supplies. */
export const OPEN_KEV_QUESTION = 'vdp_kev_open';

/**
 * Where the vendor's answer "no known exploited vulnerability is open in what we supply
 * to you" (given on `answeredOn`) meets a catalogued flaw our active devices of that maker
 * still run: without a fix, or with a fix our devices do not run (the message says which,
 * and whether the flaw was catalogued only after the answer).
 */
export function openKevClaimContradictions(
  claim: { answeredOn: string } | null,
  open: readonly OpenVulnerability[],
  today: string,
): Contradiction[] {
  if (!claim) return [];
  const out: Contradiction[] = [];
  for (const v of open) {
    if (!v.inKev || v.devices.length === 0) continue;
    const listed = v.kevDateAdded ?? v.released;
    const exposure = exposureOf(v, today);
    const catalogued = `${v.cve} (in KEV since ${listed}${listed > claim.answeredOn ? ', after the answer' : ''})`;
    const state = v.fixDate
      ? `${catalogued} fixed${v.fixedVersion ? ` in ${v.fixedVersion}` : ''} on ${v.fixDate}, not installed on our devices`
      : `${catalogued} has no fix ${plural(daysBetween(v.released, today), 'day')} after the advisory of ${v.released}`;
    out.push({
      source: 'questionnaire',
      cve: v.cve,
      advisoryId: v.advisoryId,
      daysLate: Math.max(0, daysBetween(listed > claim.answeredOn ? listed : claim.answeredOn, today)),
      message: `Questionnaire: answered on ${claim.answeredOn} that no known exploited vulnerability is open in what they supply to us; ${state}; ${exposureWords(exposure)}.`,
      exposure,
    });
  }
  return out.sort((a, b) => b.daysLate - a.daysLate || a.cve.localeCompare(b.cve));
}
