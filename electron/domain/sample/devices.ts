/**
 * The sample device inventory: two sources (a fleet MDM export and a network scan) of a
 * few hundred devices made by the sample's robotics and IoT vendors and two makers that
 * are no vendor of ours, with the usual findings (unsigned firmware, no mTLS, expiring
 * certificates, default passwords, devices gone quiet).
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
}

export const SAMPLE_MAKERS: readonly Maker[] = [
  { name: 'Kinetica Floor Robotics', vendor: 11, types: ['robot'], prefix: 'KFR', weakness: 0.35 },
  { name: 'TagSense RFID Systems', vendor: 12, types: ['rfid reader'], prefix: 'TSR', weakness: 0.2 },
  { name: 'ShelfPulse Sensors', vendor: 13, types: ['sensor', 'gateway'], prefix: 'SPS', weakness: 0.5 },
  { name: 'Vigilant Optics', vendor: 15, types: ['camera'], prefix: 'VGO', weakness: 0.3 },
  { name: 'Bridgeport Controls', vendor: 16, types: ['plc'], prefix: 'BPC', weakness: 0.25 },
  {
    name: 'ScanRight Mobility',
    vendor: 17,
    types: ['handheld scanner', 'label printer'],
    prefix: 'SRM',
    weakness: 0.1,
  },
  { name: 'Zebra', vendor: null, types: ['handheld scanner'], prefix: 'ZBR', weakness: 0.1 },
  { name: 'Cisco', vendor: null, types: ['access point'], prefix: 'CSC', weakness: 0.05 },
];

const HEADER =
  'Hostname,Serial No.,Mfr,Type,Lifecycle,Firmware Signed,mTLS,Cert Expiry,Last Heartbeat,Default Password Changed,Zone';
const ZONES = ['Dock', 'Aisle 4', 'Aisle 9', 'Chilled hall', 'Mezzanine', 'Yard', 'Packing', 'Returns'];

/** The sample's two inventory files as they stand on `day` (relative to it: certificates expire soon after). */
export function sampleInventories(day: string, rnd: Random): SampleInventory[] {
  const file = (source: string, fileName: string, makers: readonly Maker[], count: number, start: number) => {
    const rows = [HEADER];
    for (let i = 0; i < count; i += 1) {
      const maker = makers[i % makers.length]!;
      const type = maker.types[i % maker.types.length]!;
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
          rnd.next() < 0.05 ? 'spare' : 'active',
          weak() ? 'no' : 'yes',
          weak() ? 'no' : 'yes',
          cert,
          `${seen}T10:00:00Z`,
          weak() && rnd.next() < 0.5 ? 'no' : 'yes',
          rnd.pick(ZONES),
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
