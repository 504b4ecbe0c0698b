/**
 * The words of other systems' vendor lists: the header spellings of each vendor field
 * ("Vendor Name", "Supplier", "Business Owner", "Risk Level", "Tier") and the values they
 * write for a category, a criticality, a status or a kind of data ("H", "Tier 1", "3",
 * "Payment data", "Inactive"), placed on our words. Pure; docs/vendor-import.md.
 */
import { headerKey } from './device-formats';
import type { HeaderSynonyms } from './column-match';
import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  DATA_KIND_LABELS,
  STATUS_LABELS,
  type Criticality,
  type DataKind,
  type VendorCategory,
  type VendorStatus,
} from './vendor';

/** The fields a vendor list's columns can be read as, in the order they take columns. */
export const VENDOR_IMPORT_FIELDS = [
  'name',
  'category',
  'criticality',
  'status',
  'dataTouched',
  'services',
  'owner',
  'tags',
  'notes',
] as const;
export type VendorImportField = (typeof VENDOR_IMPORT_FIELDS)[number];

/** How each field is named in the wizard. */
export const VENDOR_IMPORT_FIELD_LABELS: Record<VendorImportField, string> = {
  name: 'Name',
  category: 'Category',
  criticality: 'Criticality',
  status: 'Status',
  dataTouched: 'Data touched',
  services: 'Services',
  owner: 'Owner',
  tags: 'Tags',
  notes: 'Notes',
};

/** Header spellings of each field, most specific first (compared by headerKey). */
export const VENDOR_HEADER_SYNONYMS: HeaderSynonyms<VendorImportField> = {
  name: [
    'vendorname',
    'suppliername',
    'companyname',
    'providername',
    'thirdpartyname',
    'legalname',
    'businessname',
    'accountname',
    'vendor',
    'supplier',
    'company',
    'provider',
    'thirdparty',
    'organisation',
    'organization',
    'partner',
    'name',
    'lieferant',
    'fournisseur',
    'proveedor',
  ],
  category: [
    'category',
    'vendorcategory',
    'suppliercategory',
    'servicecategory',
    'vendortype',
    'suppliertype',
    'type',
    'segment',
    'industry',
    'kind',
    'kategorie',
    'categorie',
    'categoria',
  ],
  criticality: [
    'criticality',
    'businesscriticality',
    'criticalitylevel',
    'vendorcriticality',
    'risklevel',
    'risktier',
    'vendortier',
    'tier',
    'inherentrisk',
    'riskrating',
    'risk',
    'importance',
    'impact',
    'priority',
    'kritikalitat',
  ],
  status: ['status', 'vendorstatus', 'relationshipstatus', 'contractstatus', 'lifecycle', 'state', 'active'],
  dataTouched: [
    'datatouched',
    'dataaccessed',
    'dataaccess',
    'datatypes',
    'datatype',
    'datacategories',
    'dataclassification',
    'datashared',
    'dataprocessed',
    'sensitivedata',
    'data',
  ],
  services: [
    'servicesprovided',
    'services',
    'service',
    'servicedescription',
    'productsservices',
    'productsandservices',
    'products',
    'scope',
    'description',
    'offering',
  ],
  owner: [
    'businessowner',
    'vendorowner',
    'relationshipowner',
    'internalowner',
    'accountowner',
    'owner',
    'relationshipmanager',
    'vendormanager',
    'responsible',
    'contact',
    'manager',
  ],
  tags: ['tags', 'tag', 'labels', 'label', 'keywords', 'groups'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'notizen', 'bemerkungen'],
};

/** The fields whose values are placed on our words (shown, and placeable, in the preview). */
export const VENDOR_VALUE_FIELDS = ['category', 'criticality', 'status', 'dataTouched'] as const;
export type VendorValueField = (typeof VENDOR_VALUE_FIELDS)[number];

type Words<T extends string> = Record<T, readonly string[]>;

/**
 * Criticality: words, letters, a tier (Tier 1 is the most critical) and a digit on a
 * 1–4 scale (1 low … 4 critical; 5 is critical too).
 */
const CRITICALITY_WORDS: Words<Criticality> = {
  critical: [
    'critical',
    'crit',
    'veryhigh',
    'vh',
    'severe',
    'missioncritical',
    'tier1',
    't1',
    '4',
    '5',
    'p1',
  ],
  high: ['high', 'h', 'hi', 'important', 'major', 'elevated', 'tier2', 't2', '3', 'p2'],
  medium: ['medium', 'med', 'm', 'moderate', 'mid', 'normal', 'standard', 'tier3', 't3', '2', 'p3'],
  low: [
    'low',
    'l',
    'lo',
    'minor',
    'minimal',
    'negligible',
    'verylow',
    'tier4',
    't4',
    'tier5',
    't5',
    '1',
    '0',
    'p4',
  ],
};

const CATEGORY_WORDS: Words<VendorCategory> = {
  'wms-saas': ['wms', 'wmssaas', 'warehouse', 'saas', 'software', 'erp', 'application', 'app', 'tms', 'yms'],
  '3pl': [
    '3pl',
    'logistics',
    'carrier',
    'freight',
    'transport',
    'transportation',
    'shipping',
    'courier',
    'fulfilment',
    'fulfillment',
    'haulage',
  ],
  'robotics-iot': [
    'robotics',
    'roboticsiot',
    'robot',
    'robots',
    'iot',
    'hardware',
    'automation',
    'sensor',
    'sensors',
    'devices',
    'rfid',
    'amr',
    'agv',
    'scanners',
  ],
  'cloud-ml': [
    'cloud',
    'cloudml',
    'ml',
    'ai',
    'hosting',
    'iaas',
    'paas',
    'platform',
    'analytics',
    'datacenter',
  ],
  payments: ['payments', 'payment', 'pay', 'fintech', 'bank', 'banking', 'billing', 'psp', 'acquirer'],
  other: ['other', 'misc', 'miscellaneous', 'general', 'various'],
};

const STATUS_WORDS: Words<VendorStatus> = {
  active: [
    'active',
    'current',
    'live',
    'approved',
    'inuse',
    'onboarded',
    'contracted',
    'production',
    'yes',
    'y',
    'true',
  ],
  prospect: [
    'prospect',
    'pending',
    'evaluation',
    'evaluating',
    'onboarding',
    'proposed',
    'new',
    'candidate',
    'underreview',
    'review',
    'pilot',
    'trial',
    'rfp',
    'draft',
  ],
  offboarded: [
    'offboarded',
    'inactive',
    'terminated',
    'retired',
    'former',
    'ended',
    'closed',
    'archived',
    'exited',
    'discontinued',
    'expired',
    'no',
    'n',
    'false',
  ],
};

const DATA_WORDS: Words<DataKind> = {
  pii: [
    'pii',
    'personal',
    'personaldata',
    'gdpr',
    'employee',
    'employees',
    'customerdata',
    'payment',
    'paymentdata',
    'cardholder',
    'card',
    'pci',
    'hr',
    'phi',
  ],
  'customer-contracts': ['customercontracts', 'contracts', 'contract', 'legal'],
  'supplier-pricing': [
    'supplierpricing',
    'pricing',
    'prices',
    'price',
    'ordervolumes',
    'volumes',
    'cost',
    'costs',
    'commercial',
  ],
  'operational-telemetry': [
    'operationaltelemetry',
    'telemetry',
    'operational',
    'sensor',
    'logs',
    'machine',
    'iot',
    'metrics',
  ],
  none: ['none', 'no', 'na', 'nodata', 'nil', 'n'],
};

/** Each field's words → our value: the enum values, our labels, then the words above. */
function lexicon<T extends string>(labels: Record<T, string>, words: Words<T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    map.set(headerKey(value), value);
    map.set(headerKey(label), value);
  }
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][])
    for (const w of list) if (!map.has(w)) map.set(w, value);
  return map;
}

const LEXICONS = {
  category: lexicon(CATEGORY_LABELS, CATEGORY_WORDS),
  criticality: lexicon(CRITICALITY_LABELS, CRITICALITY_WORDS),
  status: lexicon(STATUS_LABELS, STATUS_WORDS),
  dataTouched: lexicon(DATA_KIND_LABELS, DATA_WORDS),
} as const;

/** Our value for each value field. */
export interface VendorValues {
  category: VendorCategory;
  criticality: Criticality;
  status: VendorStatus;
  dataTouched: DataKind;
}

/**
 * Our word for a source's value, by its words: the whole value first ("Tier 1", "H"),
 * then its words in order, words before digits ("3 - High" is high); null when none is known.
 */
export function placeByWords<F extends VendorValueField>(field: F, value: string): VendorValues[F] | null {
  const map = LEXICONS[field] as Map<string, VendorValues[F]>;
  const whole = headerKey(value.slice(0, 120));
  const direct = map.get(whole);
  if (direct !== undefined) return direct;
  const words = value
    .slice(0, 120)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // "Tier 1" written apart from its words ("Tier 1 - Critical" is critical either way).
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = map.get(words[i]! + words[i + 1]!);
    if (pair !== undefined && !/^\d+$/.test(words[i]!)) return pair;
  }
  for (const w of words) if (!/^\d+$/.test(w) && map.has(w)) return map.get(w)!;
  for (const w of words) if (map.has(w)) return map.get(w)!;
  return null;
}

/** Splits a cell of several values ("PII; Payment data", "a, b / c", one per line). */
export function splitValues(cell: string): string[] {
  return cell
    .split(/[;,|\n\r/]+|\s+(?:and|&)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
}
