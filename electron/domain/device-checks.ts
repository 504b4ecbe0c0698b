/**
 * Device risk checks (thresholds in settings), their roll-up to the vendor that makes
 * the hardware, and the device questionnaire through which open findings raise the
 * vendor's red flags and cost it points. A check without the data it needs says
 * "unknown", never "pass".
 */
import { z } from 'zod';
import { CountSchema } from './primitives';
import { QuestionnaireSchema, type Questionnaire, type Severity } from './questionnaire';
import type { AnswerValue } from './answer';
import { answerKey } from './evaluate-assessment';
import type { Device } from './devices';
import type { DeviceVulnerabilitySummary } from './vulnerabilities/match-rollup';

export const DEVICE_CHECKS = [
  'unsigned-firmware',
  'default-credentials',
  'cert-expired',
  'cert-expiring',
  'no-mtls',
  'decommissioned-trusted',
  'stale-heartbeat',
  'firmware-outdated',
  'unknown-manufacturer',
  'duplicate-serial',
  'kev-exploited',
  'critical-cve',
] as const;
export type DeviceCheck = (typeof DEVICE_CHECKS)[number];

export const DEVICE_CHECK_INFO: Record<
  DeviceCheck,
  { label: string; severity: Severity; knockout?: boolean; message?: string }
> = {
  'unsigned-firmware': { label: 'Firmware not signed', severity: 'critical', knockout: true },
  'default-credentials': { label: 'Default credentials unchanged', severity: 'critical' },
  'cert-expired': { label: 'Certificate expired', severity: 'high' },
  'cert-expiring': { label: 'Certificate expiring soon', severity: 'medium' },
  'no-mtls': { label: 'No mTLS', severity: 'high' },
  'decommissioned-trusted': { label: 'Decommissioned but still trusted', severity: 'high' },
  'stale-heartbeat': { label: 'Stale heartbeat', severity: 'low' },
  'firmware-outdated': { label: 'Firmware not updated', severity: 'medium' },
  'unknown-manufacturer': { label: 'Manufacturer not among our vendors', severity: 'low' },
  'duplicate-serial': { label: 'Duplicate serial number', severity: 'medium' },
  // From the vulnerability matching (domain/vulnerabilities/match.ts): KEV-listed, not suppressed by VEX.
  'kev-exploited': {
    label: 'Firmware with a known exploited vulnerability (CISA KEV)',
    severity: 'critical',
    knockout: true,
    message:
      'Devices: an active device runs firmware with a known exploited vulnerability (CISA KEV) that no VEX statement clears',
  },
  'critical-cve': {
    label: 'Firmware with a critical vulnerability (CVSS 9 or more)',
    severity: 'high',
    message: 'Devices: an active device runs firmware with a vulnerability of CVSS 9 or more',
  },
};

export const DeviceCheckSettingsSchema = z
  .object({
    certExpiringDays: z.number().int().min(1).max(365),
    heartbeatHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
    firmwareMaxAgeDays: z.number().int().min(1).max(3650),
    /** A decommissioned device seen this recently is still trusted by something. */
    recentlySeenDays: z.number().int().min(1).max(365),
  })
  .strict();
export type DeviceCheckSettings = z.infer<typeof DeviceCheckSettingsSchema>;
export const DEFAULT_DEVICE_CHECK_SETTINGS: DeviceCheckSettings = {
  certExpiringDays: 30,
  heartbeatHours: 24,
  firmwareMaxAgeDays: 365,
  recentlySeenDays: 7,
};

/** fail = a finding; n/a = the check does not apply to this device. */
export type CheckResult = 'fail' | 'pass' | 'unknown' | 'n/a';

export interface CheckContext {
  now: Date;
  settings: DeviceCheckSettings;
  /** Whether the device's manufacturer is linked to a vendor (null: no manufacturer given). */
  manufacturerLinked: boolean | null;
  /** Another device, anywhere, has the same serial number. */
  duplicateSerial: boolean;
  /**
   * What the device's vulnerability matches say (match-rollup.ts summarise); null or absent
   * when the device was not matched (no run yet, or no maker or model to match by).
   */
  vulnerabilities?: DeviceVulnerabilitySummary | null;
}

const DAY = 86_400_000;
/** The two digits of `s` at `at` as a number. */
const two = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;

/**
 * Milliseconds of an ISO date's midnight (UTC), by arithmetic on its digits (days from the
 * civil date): no string is cut and no Date made, for a million devices at a time.
 */
const dayMs = (iso: string) => {
  const m = two(iso, 5);
  const y = two(iso, 0) * 100 + two(iso, 2) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + two(iso, 8) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * DAY;
};

/**
 * Milliseconds of a stored date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, as the
 * importer writes them), without a Date: a million devices are checked at a time.
 */
const instantMs = (iso: string) =>
  iso.length < 19
    ? dayMs(iso)
    : dayMs(iso) + two(iso, 11) * 3_600_000 + two(iso, 14) * 60_000 + two(iso, 17) * 1000;

/** Every check of one device. */
export function checkDevice(d: Device, c: CheckContext): Record<DeviceCheck, CheckResult> {
  const today = Date.UTC(c.now.getUTCFullYear(), c.now.getUTCMonth(), c.now.getUTCDate());
  const tri = (v: Device['firmwareSigned'], bad: 'yes' | 'no'): CheckResult =>
    v === 'unknown' ? 'unknown' : v === bad ? 'fail' : 'pass';
  const certDays = d.certExpiry ? (dayMs(d.certExpiry) - today) / DAY : null;
  const seenHoursAgo = d.lastSeen ? (c.now.getTime() - instantMs(d.lastSeen)) / 3_600_000 : null;

  let decommissionedTrusted: CheckResult = 'n/a';
  if (d.status === null) decommissionedTrusted = 'unknown';
  else if (d.status === 'decommissioned') {
    const certValid = certDays === null ? null : certDays >= 0;
    const seenRecently = seenHoursAgo === null ? null : seenHoursAgo <= c.settings.recentlySeenDays * 24;
    // Passes only when both are known to be over: a missing half could still be trusted.
    if (certValid || seenRecently) decommissionedTrusted = 'fail';
    else if (certValid === false && seenRecently === false) decommissionedTrusted = 'pass';
    else decommissionedTrusted = 'unknown';
  }

  // Spares and decommissioned devices run nothing on the floor.
  const onFloor = d.status !== 'spare' && d.status !== 'decommissioned';
  const vulnerable = (pick: 'kev' | 'critical'): CheckResult =>
    !onFloor ? 'n/a' : c.vulnerabilities ? c.vulnerabilities[pick] : 'unknown';

  return {
    'unsigned-firmware': tri(d.firmwareSigned, 'no'),
    'default-credentials': tri(d.defaultCredentialsChanged, 'no'),
    'cert-expired': certDays === null ? 'unknown' : certDays < 0 ? 'fail' : 'pass',
    'cert-expiring':
      certDays === null
        ? 'unknown'
        : certDays < 0
          ? 'n/a'
          : certDays <= c.settings.certExpiringDays
            ? 'fail'
            : 'pass',
    'no-mtls': tri(d.mtls, 'no'),
    'decommissioned-trusted': decommissionedTrusted,
    'stale-heartbeat':
      d.status === null
        ? 'unknown'
        : d.status !== 'active'
          ? 'n/a'
          : seenHoursAgo === null
            ? 'unknown'
            : seenHoursAgo > c.settings.heartbeatHours
              ? 'fail'
              : 'pass',
    'firmware-outdated':
      d.lastFirmwareUpdate === null
        ? 'unknown'
        : (today - dayMs(d.lastFirmwareUpdate)) / DAY > c.settings.firmwareMaxAgeDays
          ? 'fail'
          : 'pass',
    'unknown-manufacturer':
      c.manufacturerLinked === null ? 'unknown' : c.manufacturerLinked ? 'pass' : 'fail',
    'duplicate-serial': d.serial === null ? 'unknown' : c.duplicateSerial ? 'fail' : 'pass',
    'kev-exploited': vulnerable('kev'),
    'critical-cve': vulnerable('critical'),
  };
}

/** Counts per check over some devices: open findings, accepted ones, passes, unknowns. */
export const PostureSchema = z.record(
  z.enum(DEVICE_CHECKS),
  z.object({ fail: CountSchema, accepted: CountSchema, pass: CountSchema, unknown: CountSchema }),
);
export type Posture = z.output<typeof PostureSchema>;

export function emptyPosture(): Posture {
  return Object.fromEntries(
    DEVICE_CHECKS.map((c) => [c, { fail: 0, accepted: 0, pass: 0, unknown: 0 }]),
  ) as Posture;
}

export const DEVICE_QUESTIONNAIRE_ID = 'device-posture';

let deviceQuestionnaire: Questionnaire | null = null;

/**
 * The device checks as a questionnaire: one question per check, "no open finding" 100
 * points and "open findings" 0, with a red flag of the check's severity. A vendor's
 * devices answer it; a check no device could be judged on is not applicable.
 */
export function devicePostureQuestionnaire(): Questionnaire {
  return (deviceQuestionnaire ??= QuestionnaireSchema.parse({
    format: 'vendor-risk-questionnaire/1',
    id: DEVICE_QUESTIONNAIRE_ID,
    version: '1.1.0',
    title: 'Device posture',
    sections: [
      {
        id: 'devices',
        title: 'Devices in our warehouse',
        questions: DEVICE_CHECKS.map((check) => ({
          id: check,
          text: DEVICE_CHECK_INFO[check].label,
          type: 'single-choice',
          choices: [
            { id: 'none', label: 'No open finding', points: 100 },
            { id: 'some', label: 'Open findings', points: 0 },
          ],
          redFlags: [
            {
              id: `${check}-open`,
              when: { question: check, is: 'some' },
              severity: DEVICE_CHECK_INFO[check].severity,
              message:
                DEVICE_CHECK_INFO[check].message ?? `Devices: ${lowerFirst(DEVICE_CHECK_INFO[check].label)}`,
              knockout: DEVICE_CHECK_INFO[check].knockout ?? false,
            },
          ],
        })),
      },
    ],
  }));
}

/** A vendor's device posture as answers to the device questionnaire. */
export function postureAnswers(posture: Posture): Map<string, AnswerValue> {
  return new Map(
    DEVICE_CHECKS.map((check) => {
      const p = posture[check];
      const judged = p.fail + p.accepted + p.pass;
      const answer: AnswerValue =
        judged === 0
          ? { status: 'not-applicable' }
          : { status: 'answered', value: p.fail > 0 ? 'some' : 'none' };
      return [answerKey(DEVICE_QUESTIONNAIRE_ID, check), answer];
    }),
  );
}

/** A manufacturer name as matched to vendor names. */
export function manufacturerKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const SUFFIXES =
  /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|sa|bv|plc|technologies|technology|systems|group)\b/g;

/** The vendor a manufacturer name most likely means ("Zebra" → "Zebra Technologies"), for the user to confirm. */
export function suggestVendor<V extends { id: string; name: string }>(
  manufacturer: string,
  vendors: readonly V[],
): V | null {
  const core = (s: string) => manufacturerKey(s).replace(SUFFIXES, '').replace(/\s+/g, ' ').trim();
  const m = core(manufacturer);
  if (!m) return null;
  const exact = vendors.find((v) => core(v.name) === m);
  if (exact) return exact;
  const words = (s: string) => s.split(' ').filter(Boolean);
  const first = words(m)[0]!;
  const candidates = vendors.filter((v) => words(core(v.name))[0] === first);
  return candidates.length === 1 ? candidates[0]! : null;
}

/** "Firmware not signed" → "firmware not signed", and "No mTLS" → "no mTLS": an acronym keeps its capitals. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
