/**
 * Our devices still exposed to one open vulnerability, told apart by their last firmware
 * update: devices not updated since the fix was published (the update was never rolled
 * out), devices updated since the fix yet still on an affected version (an update that
 * missed the fix), and devices whose last update the inventory does not say. Pure.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../primitives';
import { daysBetween } from '../days';

/** One of our devices exposed to a vulnerability, as the inventory records it. */
export const ExposedDeviceSchema = z
  .object({
    deviceId: z.string(),
    firmware: z.string().nullable(),
    /** The device's last firmware update (the inventory's `lastFirmwareUpdate`), when known. */
    lastUpdate: IsoDateSchema.nullable(),
  })
  .strict();
export type ExposedDevice = z.infer<typeof ExposedDeviceSchema>;

/** Why devices are still exposed. */
export const EXPOSURE_KINDS = ['no-fix', 'not-updated', 'updated-still-affected', 'update-unknown'] as const;

/** A group of our exposed devices: how many, on which firmware, for how many days. */
export const ExposureSchema = z
  .object({
    kind: z.enum(EXPOSURE_KINDS),
    devices: z.number().int(),
    /** The firmware versions they run, a few named. */
    firmware: z.array(z.string()),
    /**
     * Days they have been exposed: since the advisory without a fix, since the fix for
     * devices not updated since (or whose update date is unknown), since their latest
     * update for devices updated after the fix.
     */
    days: z.number().int(),
    /** The latest last-update date among them (null when none is known). */
    lastUpdate: IsoDateSchema.nullable(),
  })
  .strict();
export type Exposure = z.infer<typeof ExposureSchema>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const versionsOf = (devices: readonly ExposedDevice[]) =>
  [...new Set(devices.map((d) => d.firmware).filter((f): f is string => !!f))].sort();
const latest = (devices: readonly ExposedDevice[]) =>
  devices.reduce<string | null>(
    (m, d) => (d.lastUpdate && (!m || d.lastUpdate > m) ? d.lastUpdate : m),
    null,
  );

/**
 * Our exposed devices grouped by why they are exposed on `today`: without a fix, all in one
 * group counted from the advisory; with a fix (published on `fixDate`), by their last update
 * against it.
 */
export function exposureOf(
  v: { released: string; fixDate: string | null; devices: readonly ExposedDevice[] },
  today: string,
): Exposure[] {
  if (v.devices.length === 0) return [];
  const group = (kind: Exposure['kind'], devices: readonly ExposedDevice[], since: string): Exposure => ({
    kind,
    devices: devices.length,
    firmware: versionsOf(devices),
    days: Math.max(0, daysBetween(since, today)),
    lastUpdate: latest(devices),
  });
  if (!v.fixDate) return [group('no-fix', v.devices, v.released)];
  const fix = v.fixDate;
  const notUpdated = v.devices.filter((d) => d.lastUpdate !== null && d.lastUpdate < fix);
  const updated = v.devices.filter((d) => d.lastUpdate !== null && d.lastUpdate >= fix);
  const unknown = v.devices.filter((d) => d.lastUpdate === null);
  const out: Exposure[] = [];
  if (notUpdated.length) out.push(group('not-updated', notUpdated, fix));
  if (updated.length) out.push(group('updated-still-affected', updated, latest(updated)!));
  if (unknown.length) out.push(group('update-unknown', unknown, fix));
  return out;
}

/** "V4.5" for one version, "V4.5, V4.4" for a few, "firmware of unknown version" when none says. */
function firmwareWords(versions: readonly string[]): string {
  if (versions.length === 0) return 'firmware of unknown version';
  if (versions.length <= 3) return versions.join(', ');
  return `${versions.slice(0, 3).join(', ')} and ${plural(versions.length - 3, 'other version')}`;
}

/**
 * The exposure in words: "37 of our devices still on V4.5 after 260 days, not updated since
 * the fix"; "8 of our devices still on V2.9.2 after 40 days, updated since the fix (last on
 * 2026-10-28) to a version still affected". Devices whose last update is unknown are named
 * as such only beside the others.
 */
export function exposureWords(groups: readonly Exposure[]): string {
  return groups
    .map((g) => {
      const head = `${plural(g.devices, 'of our devices', 'of our devices')} still on ${firmwareWords(g.firmware)}`;
      switch (g.kind) {
        case 'no-fix':
          return head;
        case 'not-updated':
          return `${head} after ${plural(g.days, 'day')}, not updated since the fix (last update ${g.lastUpdate})`;
        case 'updated-still-affected':
          return `${head} after ${plural(g.days, 'day')}, updated since the fix (last on ${g.lastUpdate}) to a version still affected`;
        case 'update-unknown':
          return `${head} after ${plural(g.days, 'day')}${groups.length > 1 ? ', last update not recorded' : ''}`;
      }
    })
    .join('; ');
}
