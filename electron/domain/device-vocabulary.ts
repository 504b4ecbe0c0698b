/**
 * Our words for what a device is and where it is in its life, and how they are derived
 * from the words other systems use: a source's type label ("AMR robot", "Conveyor PLC",
 * "Access Switch") gives a category, or its model and manufacturer do when the label
 * says nothing; a status label ("decommissioning", "Ready to Deploy") gives a lifecycle.
 * The source's own words are always kept beside ours. Pure; docs/devices.md.
 */

export const DEVICE_CATEGORIES = [
  'sensor',
  'rfid-reader',
  'camera',
  'plc',
  'robot',
  'gateway',
  'scanner',
  'printer',
  'network',
  'computer',
  'power',
  'other',
] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

export const DEVICE_CATEGORY_LABELS: Record<DeviceCategory, string> = {
  sensor: 'Sensor',
  'rfid-reader': 'RFID reader',
  camera: 'Camera',
  plc: 'PLC / controller',
  robot: 'Robot',
  gateway: 'Gateway',
  scanner: 'Handheld scanner',
  printer: 'Printer',
  network: 'Network equipment',
  computer: 'Computer / server',
  power: 'Power (PDU, UPS)',
  other: 'Other',
};

export const DEVICE_STATUSES = ['active', 'spare', 'decommissioned'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  active: 'Active',
  spare: 'Spare / not deployed',
  decommissioned: 'Decommissioned',
};

/** How much of a label or model is looked at: no name of a kind of device is longer. */
const MAX_LOOKED_AT = 120;

/** Lower-case words of a text (its start), accents and punctuation gone ("Wi-Fi AP" → wi fi ap). */
export function wordsOf(text: string): string[] {
  return text
    .slice(0, MAX_LOOKED_AT)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9+]+/)
    .filter(Boolean);
}

/** Phrases that say more than their words alone ("barcode reader" is a scanner, not an RFID reader). */
const PHRASES: readonly (readonly [string, DeviceCategory])[] = [
  ['rfid reader', 'rfid-reader'],
  ['rfid portal', 'rfid-reader'],
  ['rfid gate', 'rfid-reader'],
  ['rfid antenna', 'rfid-reader'],
  ['barcode reader', 'scanner'],
  ['barcode scanner', 'scanner'],
  ['bar code', 'scanner'],
  ['mobile computer', 'scanner'],
  ['handheld computer', 'scanner'],
  ['rf gun', 'scanner'],
  ['scan gun', 'scanner'],
  ['vehicle mount', 'scanner'],
  ['vehicle mounted', 'scanner'],
  ['forklift terminal', 'scanner'],
  ['rf terminal', 'scanner'],
  ['mobile terminal', 'scanner'],
  ['handheld terminal', 'scanner'],
  ['rfid tag', 'other'],
  ['wireless lan controller', 'network'],
  ['wlan controller', 'network'],
  ['wireless controller', 'network'],
  ['lan controller', 'network'],
  ['network controller', 'network'],
  // Ubiquiti's and TP-Link's controllers run the network, not a line.
  ['unifi controller', 'network'],
  ['omada controller', 'network'],
  ['label printer', 'printer'],
  ['barcode printer', 'printer'],
  ['access point', 'network'],
  ['wireless ap', 'network'],
  ['patch panel', 'network'],
  ['fiber panel', 'network'],
  ['fibre panel', 'network'],
  ['console server', 'network'],
  ['terminal server', 'network'],
  ['media converter', 'network'],
  ['load balancer', 'network'],
  ['power distribution', 'power'],
  ['power supply', 'power'],
  ['programmable logic controller', 'plc'],
  ['environmental monitor', 'sensor'],
  ['temperature monitor', 'sensor'],
  ['humidity monitor', 'sensor'],
  ['edge server', 'gateway'],
  ['iot hub', 'gateway'],
];

/** Words that name a category on their own. */
const STRONG: Record<string, DeviceCategory> = {};
/** Words that name one only when no stronger word does ("Robot controller" is a robot). */
const WEAK: Record<string, DeviceCategory> = {};
const add = (table: Record<string, DeviceCategory>, category: DeviceCategory, words: string) => {
  for (const w of words.split(' ')) table[w] = category;
};
// Singular words: plurals are found by lookup().
add(STRONG, 'sensor', 'sensor probe thermometer hygrometer detector datalogger logger beacon thermostat');
add(STRONG, 'rfid-reader', 'rfid uhf');
add(STRONG, 'camera', 'camera cam cctv ipcam webcam nvr dvr dome ptz');
add(STRONG, 'plc', 'plc rtu dcs hmi');
add(STRONG, 'robot', 'robot robotic amr agv cobot picker asrs shuttle');
add(STRONG, 'gateway', 'gateway');
add(STRONG, 'scanner', 'scanner handheld pda wearable');
add(STRONG, 'printer', 'printer');
// "network" alone is LibreNMS's type for switches and routers ("Network camera" ends in camera).
add(STRONG, 'network', 'router switch firewall ap wap wlc modem repeater extender vpn ngfw network');
add(STRONG, 'power', 'pdu ups inverter battery charger');
add(STRONG, 'computer', 'server pc desktop laptop workstation computer tablet kiosk nas hypervisor');
add(STRONG, 'other', 'other');
add(WEAK, 'plc', 'controller conveyor sorter palletizer depalletizer');
add(WEAK, 'rfid-reader', 'reader');
add(WEAK, 'gateway', 'edge');

/**
 * The category a type label names, or null when its words say nothing we know: phrases
 * first, then the last strong word (English puts the noun last: "Conveyor PLC", "Sensor
 * gateway"), then the last weak one.
 */
export function categoryOfLabel(label: string): DeviceCategory | null {
  const words = wordsOf(label);
  if (words.length === 0) return null;
  const text = ` ${words.join(' ')} `;
  const singular = ` ${words.map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)).join(' ')} `;
  for (const [phrase, category] of PHRASES)
    if (text.includes(` ${phrase} `) || singular.includes(` ${phrase} `)) return category;
  for (const table of [STRONG, WEAK])
    for (let i = words.length - 1; i >= 0; i--) {
      const found = lookup(table, words[i]!);
      if (found) return found;
    }
  return null;
}

/** A word's category in a table, its plural too ("Tablets", "Switches"). */
function lookup(table: Record<string, DeviceCategory>, word: string): DeviceCategory | null {
  if (Object.hasOwn(table, word)) return table[word]!;
  if (word.length > 3 && word.endsWith('s')) {
    if (Object.hasOwn(table, word.slice(0, -1))) return table[word.slice(0, -1)]!;
    if (word.endsWith('es') && Object.hasOwn(table, word.slice(0, -2))) return table[word.slice(0, -2)]!;
  }
  return null;
}

/** Model names and series whose maker makes them as one kind of device. */
const MODEL_SERIES: readonly (readonly [RegExp, DeviceCategory])[] = [
  [/\b(ds-2cd|ds-2de|ipc-h|axis [mpq]\d|dh-ipc)/, 'camera'],
  [
    /\b(simatic|s7-?\d{3,4}|et ?200|compactlogix|controllogix|guardlogix|micrologix|micro ?8\d0|1756-l|1769-l|modicon|melsec|sysmac|unitronics|plc)/,
    'plc',
  ],
  [
    /\b(scalance|ruggedcom|stratix|catalyst|nexus|ws-c\d|c9[2-6]\d\d|isr ?\d|asr ?\d|qfx\d|ex\d{4}|srx\d|fortigate|meraki|eki-\d|mgate|nport|edr-\d|tc router)/,
    'network',
  ],
  [/\b(fx7500|fx9600|atr7000|speedway|impinj|r700|r420)\b/, 'rfid-reader'],
  [
    /\b(tc[2578]\d|tc8\d{3}|vc8\d{3}|wt6\d{3}|rs[56]\d{3}|et[45]\d|mc\d{4}|ck6\d|ck7\d|ct[46]\d|eda\d\d|granit|xenon|voyager|li\d{4}|ls\d{4}|ds\d{4})/,
    'scanner',
  ],
  [/\b(zt\d{3}|zd\d{3}|gk420|zq\d{3}|pm4\d|laserjet)/, 'printer'],
  [/\b(ap7\d{3}|ap8\d{3}|smart-?ups|symmetra|pdu)/, 'power'],
  [/\b(poweredge|proliant|thinksystem|flex system|optiplex|thinkpad|macbook|elitebook)/, 'computer'],
];

/** Makers of one kind of device (by their name's words). */
const MAKERS: Record<string, DeviceCategory> = {
  hikvision: 'camera',
  dahua: 'camera',
  axis: 'camera',
  impinj: 'rfid-reader',
  locus: 'robot',
  geekplus: 'robot',
  'geek+': 'robot',
  fetch: 'robot',
  autostore: 'robot',
  kuka: 'robot',
  fanuc: 'robot',
  apc: 'power',
  vertiv: 'power',
  juniper: 'network',
  aruba: 'network',
  ubiquiti: 'network',
  mikrotik: 'network',
  fortinet: 'network',
  moxa: 'network',
  panduit: 'network',
  datalogic: 'scanner',
};

/** The category a model (its words, then its series) or its maker says, and which of them said it. */
export function categoryOfModel(
  model: string | null,
  manufacturer: string | null,
): { category: DeviceCategory; from: 'model' | 'manufacturer' } | null {
  if (model) {
    const byWords = categoryOfLabel(model);
    if (byWords && byWords !== 'other') return { category: byWords, from: 'model' };
    const text = ` ${model.slice(0, MAX_LOOKED_AT).toLowerCase()} `;
    for (const [pattern, category] of MODEL_SERIES)
      if (pattern.test(text)) return { category, from: 'model' };
  }
  if (manufacturer) {
    const first = wordsOf(manufacturer)[0];
    if (first && Object.hasOwn(MAKERS, first)) return { category: MAKERS[first]!, from: 'manufacturer' };
  }
  return null;
}

/** Status words of other systems (NetBox, Snipe-IT, spreadsheets) by the lifecycle they mean. */
const LIFECYCLE_WORDS: Record<DeviceStatus, readonly string[]> = {
  decommissioned: [
    'decommissioned',
    'decommissioning',
    'decommission',
    'retired',
    'retiring',
    'disposed',
    'removed',
    'scrapped',
    'archived',
    'lost',
    'stolen',
    'eol',
    'end of life',
    'written off',
    'write off',
    'writeoff',
    'decom',
    'recycled',
    'sold',
  ],
  spare: [
    'spare',
    'not deployed',
    'not in use',
    'not active',
    'non operational',
    'inactive',
    'out of service',
    'disabled',
    'maintenance',
    'in maintenance',
    'under maintenance',
    'rma',
    'inventory',
    'stock',
    'in stock',
    'storage',
    'planned',
    'staged',
    'ready to deploy',
    'ready',
    'deployable',
    'pending',
    'pending diagnostics',
    'undeployable',
    'out for repair',
    'repair',
    'in repair',
    'broken',
    'new',
    'reserve',
    'reserved',
    'standby',
    'available',
    'unassigned',
  ],
  active: [
    'active',
    'in use',
    'inuse',
    'live',
    'online',
    'offline',
    'deployed',
    'production',
    'operational',
    'in service',
    'running',
    'assigned',
    'checked out',
    'failed',
    'degraded',
    'up',
    'down',
  ],
};

const LIFECYCLE_BY_PHRASE = new Map<string, DeviceStatus>();
for (const status of DEVICE_STATUSES)
  for (const phrase of LIFECYCLE_WORDS[status]) LIFECYCLE_BY_PHRASE.set(phrase, status);

/**
 * The lifecycle a status label means, or null when we do not know the word: the whole
 * label first ("Ready to Deploy"), then its words, decommissioning words winning ("Lost/Stolen").
 */
export function lifecycleOf(label: string): DeviceStatus | null {
  const words = wordsOf(label);
  if (words.length === 0) return null;
  const whole = LIFECYCLE_BY_PHRASE.get(words.join(' '));
  if (whole) return whole;
  // "Not deployed", "non-operational": a negated word says the opposite, so it says nothing we can use.
  if (words.some((w) => w === 'not' || w === 'non' || w === 'no')) return null;
  for (const status of ['decommissioned', 'spare', 'active'] as const)
    for (const w of words) if (LIFECYCLE_BY_PHRASE.get(w) === status) return status;
  return null;
}
