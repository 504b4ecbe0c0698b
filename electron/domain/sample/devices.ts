/**
 * The sample device inventory: two sources (a fleet MDM export and a network scan) of a
 * few hundred devices made by the sample's robotics and IoT vendors and two makers that
 * are no vendor of ours, with the usual findings (unsigned firmware, no mTLS, expiring
 * certificates, default passwords, devices gone quiet), and the models and firmware versions
 * the sample's advisories speak of.
 */
import { shiftDate, type Random } from './random';

/** One inventory file of the sample. */
export interface SampleInventory {
  source: string;
  fileName: string;
  csv: string;
}

/** A maker of the sample's devices; `vendor` is the index of the sample vendor it is. */
interface Maker {
  name: string;
  vendor: number | null;
  types: readonly string[];
  prefix: string;
  /** 0–1: how often its devices fail a check. */
  weakness: number;
  /** Its models, one per type in order, with the firmware versions found on the floor. */
  models: readonly { name: string; firmware: readonly string[] }[];
  /**
   * When a device on each firmware version (by its index in `firmware`) was last updated:
   * days before the sample's day, a range the row picks from; none when the source does
   * not record it.
   */
  updated?: readonly (readonly [number, number])[];
}

export const SAMPLE_MAKERS: readonly Maker[] = [
  {
    name: 'Kinetica Floor Robotics',
    vendor: 11,
    types: ['robot'],
    prefix: 'KFR',
    weakness: 0.35,
    models: [{ name: 'AMR-300', firmware: ['4.2.1', '4.3.0', '4.4.2'] }],
  },
  {
    name: 'TagSense RFID Systems',
    vendor: 12,
    types: ['rfid reader'],
    prefix: 'TSR',
    weakness: 0.2,
    models: [{ name: 'TSR-R700', firmware: ['2.1.0', '2.2.3'] }],
  },
  {
    name: 'ShelfPulse Sensors',
    vendor: 13,
    types: ['sensor', 'gateway'],
    prefix: 'SPS',
    weakness: 0.5,
    models: [
      { name: 'ShelfTag S1', firmware: ['3.0.1'] },
      { name: 'Edge Gateway G2', firmware: ['1.8.4', '1.9.0', '1.8.4'] },
    ],
  },
  {
    name: 'Vigilant Optics',
    vendor: 15,
    types: ['camera'],
    prefix: 'VGO',
    weakness: 0.3,
    models: [{ name: 'DomeCam 4K', firmware: ['V5.5.800 build 210628', 'V5.7.3 build 230110'] }],
  },
  {
    name: 'Bridgeport Controls',
    vendor: 16,
    types: ['plc'],
    prefix: 'BPC',
    weakness: 0.25,
    models: [{ name: 'BPC-1500 CPU 1512', firmware: ['V2.8.1', 'V2.9.2', 'V3.0 SP1'] }],
    // The fix (V3.0 SP1) came out 200 days ago: the V2.8.1 PLCs were never updated since, the
    // V2.9.2 ones were updated after it — to a version still affected — and the rest run the fix.
    updated: [
      [230, 330],
      [90, 160],
      [20, 150],
    ],
  },
  {
    name: 'ScanRight Mobility',
    vendor: 17,
    types: ['handheld scanner', 'label printer'],
    prefix: 'SRM',
    weakness: 0.1,
    models: [
      { name: 'HS-50', firmware: ['7.1.0', '7.2.4'] },
      { name: 'LP-420', firmware: ['1.4.0'] },
    ],
  },
  {
    name: 'Zebra',
    vendor: null,
    types: ['handheld scanner'],
    prefix: 'ZBR',
    weakness: 0.1,
    models: [{ name: 'TC52', firmware: ['11-49-15.00'] }],
  },
  {
    name: 'Cisco',
    vendor: null,
    types: ['access point'],
    prefix: 'CSC',
    weakness: 0.05,
    models: [{ name: 'Catalyst 9120AX', firmware: ['17.9.4'] }],
  },
];

const HEADER =
  'Hostname,Serial No.,Mfr,Type,Model,Firmware,Lifecycle,Firmware Signed,mTLS,Cert Expiry,Last Heartbeat,Default Password Changed,Zone,Last Firmware Update';
const ZONES = ['Dock', 'Aisle 4', 'Aisle 9', 'Chilled hall', 'Mezzanine', 'Yard', 'Packing', 'Returns'];

/** The sample's two inventory files as they stand on `day` (relative to it: certificates expire soon after). */
export function sampleInventories(day: string, rnd: Random): SampleInventory[] {
  const file = (source: string, fileName: string, makers: readonly Maker[], count: number, start: number) => {
    const rows = [HEADER];
    for (let i = 0; i < count; i += 1) {
      const maker = makers[i % makers.length]!;
      // Each maker's rows take its types in turn (the row counter steps through the makers first).
      const typeIndex = Math.floor(i / makers.length) % maker.types.length;
      const type = maker.types[typeIndex]!;
      // Model and firmware follow the row, not the generator, so the rest of the sample stays as it was.
      const model = maker.models[typeIndex] ?? maker.models[0]!;
      const version = Math.floor(i / (makers.length * maker.types.length)) % model.firmware.length;
      const firmware = model.firmware[version]!;
      // From the row, not the generator, like the model: the rest of the sample stays as it was.
      const range = maker.updated?.[version];
      const updated = range ? shiftDate(day, -(range[0] + ((i * 37) % (range[1] - range[0] + 1)))) : '';
      const weak = () => rnd.next() < maker.weakness;
      const n = start + i;
      const cert = weak() ? shiftDate(day, rnd.int(-20, 25)) : shiftDate(day, rnd.int(120, 700));
      const seen =
        weak() && rnd.next() < 0.4 ? shiftDate(day, -rnd.int(40, 120)) : shiftDate(day, -rnd.int(0, 3));
      rows.push(
        [
          `${type.replace(/ /g, '-')}-${n}`,
          `${maker.prefix}${String(100000 + n)}`,
          maker.name,
          type,
          model.name,
          firmware,
          rnd.next() < 0.05 ? 'spare' : 'active',
          weak() ? 'no' : 'yes',
          weak() ? 'no' : 'yes',
          cert,
          `${seen}T10:00:00Z`,
          weak() && rnd.next() < 0.5 ? 'no' : 'yes',
          rnd.pick(ZONES),
          updated,
        ].join(','),
      );
    }
    return { source, fileName, csv: rows.join('\n') + '\n' };
  };
  const byName = (names: string[]) => SAMPLE_MAKERS.filter((m) => names.includes(m.name));
  return [
    file(
      'Sample fleet MDM',
      'fleet-mdm-export.csv',
      byName(['Kinetica Floor Robotics', 'ScanRight Mobility', 'Zebra', 'TagSense RFID Systems']),
      180,
      1,
    ),
    file(
      'Sample network scan',
      'network-scan.csv',
      byName(['Vigilant Optics', 'Bridgeport Controls', 'ShelfPulse Sensors', 'Cisco']),
      140,
      500,
    ),
  ];
}
