import type { VendorInputDraft } from './vendor';

/** A realistic demo portfolio of warehouse vendors, offered on first run. */
export const DEMO_VENDORS: readonly VendorInputDraft[] = [
  // ── WMS / SaaS ────────────────────────────────────────────────────────────
  {
    name: 'Stackwise Cloud WMS',
    category: 'wms-saas',
    services:
      'Multi-tenant cloud warehouse management system running receiving, putaway, picking and shipping at all three sites.',
    dataTouched: ['pii', 'customer-contracts', 'supplier-pricing'],
    criticality: 'critical',
    owner: 'Dana Whitfield (Operations)',
    status: 'active',
    tags: ['core system', 'multi-tenant', 'SOC 2'],
    notes:
      'SOC 2 Type II report received and reviewed; two exceptions on access reviews remain open. Asked for evidence of field-level encryption that keeps our customer records segregated from other tenants.',
  },
  {
    name: 'Palletline Yard Manager',
    category: 'wms-saas',
    services: 'Yard management SaaS that tracks trailers, gate check-ins and dock door assignments.',
    dataTouched: ['operational-telemetry', 'supplier-pricing'],
    criticality: 'high',
    owner: 'Marcus Oyelaran (Transport)',
    status: 'active',
    tags: ['yard', 'gate', 'api'],
    notes:
      'Carrier API keys are shared across all gate kiosks; requested per-device credentials and rate limiting on the public API. MFA for admin accounts confirmed.',
  },
  {
    name: 'Lagerwerk Süd GmbH',
    category: 'wms-saas',
    services:
      'Cold-chain WMS module with temperature-zone slotting and lot/expiry tracking for the chilled hall.',
    dataTouched: ['pii', 'supplier-pricing'],
    criticality: 'high',
    owner: 'Jürgen Haßler (Cold Chain)',
    status: 'active',
    tags: ['cold-chain', 'EU data residency', 'GDPR'],
    notes:
      'Hosted in Frankfurt with a signed DPA; GDPR data residency confirmed. Pen test summary is 18 months old, so a fresh third-party test was requested before renewal.',
  },
  {
    name: 'ShipCadence Labeling',
    category: 'wms-saas',
    services: 'Parcel rate shopping and shipping-label SaaS integrated with the WMS pack stations.',
    dataTouched: ['pii', 'customer-contracts'],
    criticality: 'high',
    owner: 'Priya Raman (Customer Fulfilment)',
    status: 'active',
    tags: ['parcel', 'labels', 'carrier rates'],
    notes:
      'Holds consignee names and addresses for every outbound parcel. Contract lacks a breach notification timeline; legal to push for 72h notification at renewal.',
  },
  {
    name: 'Docksmith Scheduling',
    category: 'wms-saas',
    services: 'Dock appointment booking portal for inbound suppliers and carriers.',
    dataTouched: ['operational-telemetry'],
    criticality: 'medium',
    owner: 'Marcus Oyelaran (Transport)',
    status: 'prospect',
    tags: ['dock', 'pilot'],
    notes:
      'Security questionnaire returned with SOC 2 Type II pending (Type I only so far). No vulnerability disclosure policy published; flagged as a condition for contract.',
  },
  {
    name: 'Countwell Inventory Audit',
    category: 'wms-saas',
    services:
      'Cycle-count and stock reconciliation SaaS used before the WMS native counting module went live.',
    dataTouched: ['supplier-pricing'],
    criticality: 'low',
    owner: 'Dana Whitfield (Operations)',
    status: 'offboarded',
    tags: ['decommissioned', 'data deletion'],
    notes:
      'Offboarded after migration to Stackwise counting. Still awaiting a signed certificate of data deletion covering backups.',
  },

  // ── 3PL ───────────────────────────────────────────────────────────────────
  {
    name: 'Harbourgate Fulfilment Ltd',
    category: '3pl',
    services: 'Overflow fulfilment and peak-season storage in a shared 3PL facility near the port.',
    dataTouched: ['pii', 'customer-contracts', 'supplier-pricing'],
    criticality: 'critical',
    owner: 'Sofia Lindqvist (Supply Chain)',
    status: 'active',
    tags: ['overflow', 'peak season', 'shared facility'],
    notes:
      'Runs their own WMS with an EDI feed from ours; asked how they segregate our order data from other clients in a multi-tenant setup. Partner account traffic should be added to continuous monitoring.',
  },
  {
    name: 'Société Lyonnaise de Messagerie Frigorifique',
    category: '3pl',
    services: 'Temperature-controlled storage and regional distribution for French grocery customers.',
    dataTouched: ['pii', 'customer-contracts'],
    criticality: 'high',
    owner: 'Sofia Lindqvist (Supply Chain)',
    status: 'active',
    tags: ['cold-chain', 'France', 'EDI'],
    notes:
      'ISO 27001 certificate provided in lieu of SOC 2; accepted with a scope review. Data retention period for delivery proofs with signatures is undefined in the contract.',
  },
  {
    name: 'Przewozy Łódzkie Sp. z o.o.',
    category: '3pl',
    services: 'Cross-border LTL trucking and bonded storage between Poland and Germany.',
    dataTouched: ['pii'],
    criticality: 'medium',
    owner: 'Tomasz Wójcik (Transport)',
    status: 'active',
    tags: ['LTL', 'Poland', 'bonded'],
    notes:
      'Drivers use a shared login on the carrier portal; requested named accounts and MFA. Incident history for the last three years requested and received with no material breaches.',
  },
  {
    name: 'Crossdock Collective',
    category: '3pl',
    services: 'Shared cross-dock network for consolidating inbound supplier freight.',
    dataTouched: ['supplier-pricing'],
    criticality: 'low',
    owner: 'Marcus Oyelaran (Transport)',
    status: 'prospect',
    tags: ['cross-dock', 'consolidation'],
    notes:
      'Would see supplier order volumes that reveal pricing leverage; treat as sensitive. Questionnaire not yet returned.',
  },
  {
    name: 'Redline Last-Mile Couriers',
    category: '3pl',
    services: 'Same-day urban delivery for B2C orders from the city micro-fulfilment site.',
    dataTouched: ['pii'],
    criticality: 'high',
    owner: 'Priya Raman (Customer Fulfilment)',
    status: 'offboarded',
    tags: ['last mile', 'exit review'],
    notes:
      'Terminated after a lost driver handheld exposed delivery addresses and the vendor missed the 72h breach notification window. Confirm API keys revoked and customer data purged.',
  },

  // ── Robotics / IoT hardware ───────────────────────────────────────────────
  {
    name: 'Kinetica Floor Robotics',
    category: 'robotics-iot',
    services:
      'Fleet of autonomous mobile robots (AMRs) for goods-to-person picking with a cloud fleet manager.',
    dataTouched: ['operational-telemetry'],
    criticality: 'critical',
    owner: 'Elena Vasquez (Automation)',
    status: 'active',
    tags: ['AMR', 'OTA firmware', 'edge inference'],
    notes:
      'Cryptographic evidence of firmware signing for over-the-air updates requested and still outstanding. Remote support tunnel is always-on; asked for just-in-time access with session recording.',
  },
  {
    name: 'TagSense RFID Systems',
    category: 'robotics-iot',
    services: 'Fixed RFID portal readers at dock doors and handheld readers for pallet and tote tracking.',
    dataTouched: ['operational-telemetry'],
    criticality: 'high',
    owner: 'Elena Vasquez (Automation)',
    status: 'active',
    tags: ['RFID', 'mTLS', 'dock doors'],
    notes:
      'Readers currently push reads over plain MQTT; vendor committed to mTLS with per-device certificates and rotation by Q3. Decommissioned readers must be removed from the trust store.',
  },
  {
    name: 'ShelfPulse Sensors',
    category: 'robotics-iot',
    services: 'Battery-powered shelf weight and occupancy sensors feeding replenishment alerts.',
    dataTouched: ['operational-telemetry'],
    criticality: 'medium',
    owner: 'Kwame Asante (Inventory Control)',
    status: 'active',
    tags: ['sensors', 'LoRaWAN', 'replenishment'],
    notes:
      'Gateways sit on the corporate VLAN; network team to micro-segment them. Heartbeat monitoring exists but tamper alerts do not reach our SOC yet.',
  },
  {
    name: '東都ロボティクス株式会社',
    category: 'robotics-iot',
    services: 'Vision-guided piece-picking robot arms for the each-pick cell, with on-premise inference.',
    dataTouched: ['operational-telemetry'],
    criticality: 'high',
    owner: 'Elena Vasquez (Automation)',
    status: 'prospect',
    tags: ['robot arms', 'Japan', 'edge inference'],
    notes:
      'Pilot proposal keeps inference at the edge, which limits data leaving site. Need their secure SDLC description and device attestation approach before the pilot purchase order.',
  },
  {
    name: 'Vigilant Optics',
    category: 'robotics-iot',
    services: 'IP cameras at loading docks and pack stations used for dispute resolution and damage claims.',
    dataTouched: ['pii', 'operational-telemetry'],
    criticality: 'high',
    owner: 'Ravi Chandrasekar (Loss Prevention)',
    status: 'active',
    tags: ['cameras', 'video retention', 'GDPR'],
    notes:
      'Footage captures staff and driver faces, so retention and access logs matter. Default admin passwords were found on two units during the site walk; vendor must enforce unique credentials.',
  },
  {
    name: 'Bridgeport Controls',
    category: 'robotics-iot',
    services: 'PLC integration and industrial IoT gateways for the conveyor and sortation system.',
    dataTouched: ['operational-telemetry'],
    criticality: 'critical',
    owner: 'Elena Vasquez (Automation)',
    status: 'active',
    tags: ['PLC', 'OT network', 'conveyor'],
    notes:
      'A gateway compromise could stop the sorter, so firmware signing and certificate-based device identity are required. Remote maintenance VPN uses a shared account; asked for named accounts and MFA.',
  },
  {
    name: 'ScanRight Mobility',
    category: 'robotics-iot',
    services: 'Rugged handheld barcode scanners with mobile device management for pickers and receivers.',
    dataTouched: ['pii', 'operational-telemetry'],
    criticality: 'medium',
    owner: 'Kwame Asante (Inventory Control)',
    status: 'active',
    tags: ['handhelds', 'MDM', 'scanners'],
    notes:
      'MDM console holds operator badge IDs and login history. Device wipe on loss is supported; confirm remote wipe is tested quarterly.',
  },

  // ── Cloud / ML platform ───────────────────────────────────────────────────
  {
    name: 'Foresight Demand Analytics',
    category: 'cloud-ml',
    services:
      'Demand forecasting SaaS that predicts SKU-level volumes from order history and supplier lead times.',
    dataTouched: ['supplier-pricing', 'customer-contracts'],
    criticality: 'high',
    owner: 'Hannah Okafor (Planning)',
    status: 'active',
    tags: ['forecasting', 'model lineage'],
    notes:
      'Model lineage is unclear: no model registry or version history was shown, which the guide calls a major red flag. Contract should bar use of our data to train models for other customers.',
  },
  {
    name: 'Tensorgrove ML Platform',
    category: 'cloud-ml',
    services: 'Managed ML platform for training and serving in-house slotting and labour models.',
    dataTouched: ['supplier-pricing', 'operational-telemetry'],
    criticality: 'high',
    owner: 'Liam Brennan (Data & Analytics)',
    status: 'active',
    tags: ['ML platform', 'model registry', 'VPC'],
    notes:
      'Training runs in an isolated VPC with customer-managed KMS keys and rotation. Inference endpoints still lack rate limiting; requested before exposing them to partner systems.',
  },
  {
    name: 'Visiocount Vision AI',
    category: 'cloud-ml',
    services: 'Computer-vision service that counts pallets and flags damaged cartons from dock camera feeds.',
    dataTouched: ['pii', 'operational-telemetry'],
    criticality: 'medium',
    owner: 'Ravi Chandrasekar (Loss Prevention)',
    status: 'prospect',
    tags: ['computer vision', 'camera feeds', 'anonymization'],
    notes:
      'Frames include people, so we asked whether faces are blurred at the edge before upload. No adversarial testing evidence yet; dataset provenance for their base model is undocumented.',
  },
  {
    name: 'Featherstone Feature Store',
    category: 'cloud-ml',
    services:
      'Hosted feature store consolidating WMS, telemetry and order features for all forecasting models.',
    dataTouched: ['pii', 'supplier-pricing', 'operational-telemetry'],
    criticality: 'high',
    owner: 'Liam Brennan (Data & Analytics)',
    status: 'prospect',
    tags: ['feature store', 'tokenization', 'RBAC'],
    notes:
      'Would concentrate sensitive features in one place; require tokenization of customer identifiers and just-in-time privileged access. SOC 2 Type II pending, expected next quarter.',
  },
  {
    name: 'Slotwise Optimisation',
    category: 'cloud-ml',
    services: 'AI slotting recommendations that re-rank pick-face locations weekly based on velocity.',
    dataTouched: ['supplier-pricing', 'operational-telemetry'],
    criticality: 'medium',
    owner: 'Hannah Okafor (Planning)',
    status: 'active',
    tags: ['slotting', 'drift monitoring'],
    notes:
      'Recommendations are reviewed by planners before execution, which limits damage from a poisoned model. Asked for prediction drift alerts and a documented rollback to the previous model version.',
  },

  // ── Payments ──────────────────────────────────────────────────────────────
  {
    name: 'Clearledger Freight Pay',
    category: 'payments',
    services: 'Freight audit and carrier payment service that reconciles invoices against rated shipments.',
    dataTouched: ['supplier-pricing', 'customer-contracts'],
    criticality: 'high',
    owner: 'Grace Adeyemi (Finance)',
    status: 'active',
    tags: ['freight audit', 'carrier payments', 'SOC 1'],
    notes:
      'SOC 1 and SOC 2 Type II reports on file. Bank detail changes for carriers are approved by a single user; requested dual approval to reduce payment-redirection fraud.',
  },
  {
    name: 'Tollbridge Merchant Services',
    category: 'payments',
    services: 'Card acquiring and terminals for the will-call counter and staff shop.',
    dataTouched: ['pii'],
    criticality: 'low',
    owner: 'Grace Adeyemi (Finance)',
    status: 'offboarded',
    tags: ['PCI DSS', 'card terminals'],
    notes:
      'Replaced by the bank’s own acquiring service. Terminals returned; awaiting confirmation that stored transaction logs were deleted per PCI DSS retention rules.',
  },
  {
    name: 'Fakturo B2B Invoicing',
    category: 'payments',
    services: 'B2B invoicing and payment-terms platform for storage and handling fees billed to customers.',
    dataTouched: ['pii', 'customer-contracts'],
    criticality: 'high',
    owner: 'Grace Adeyemi (Finance)',
    status: 'prospect',
    tags: ['invoicing', 'e-invoicing', 'EU'],
    notes:
      'Would hold customer contract rates and billing contacts. Liability cap in the draft contract is one month of fees; legal to negotiate and add a 72h breach notification clause.',
  },

  // ── Other ─────────────────────────────────────────────────────────────────
  {
    name: 'Shiftready Staffing',
    category: 'other',
    services: 'Temporary warehouse associates and forklift drivers for peak season, with timesheet portal.',
    dataTouched: ['pii'],
    criticality: 'high',
    owner: 'Monique Dubois (People)',
    status: 'active',
    tags: ['staffing', 'onboarding', 'peak season'],
    notes:
      'Agency holds ID documents and right-to-work checks for temps. Temp WMS accounts are not disabled at assignment end; need an automated leaver feed from their portal.',
  },
  {
    name: 'Sentinel Watch Security Services',
    category: 'other',
    services: 'Manned guarding, access-control badge administration and CCTV maintenance.',
    dataTouched: ['pii'],
    criticality: 'medium',
    owner: 'Ravi Chandrasekar (Loss Prevention)',
    status: 'active',
    tags: ['physical security', 'CCTV', 'badges'],
    notes:
      'Technicians have admin access to the video recorder during maintenance visits. Asked for named accounts and a log of footage exports.',
  },
  {
    name: 'GreenCircuit ITAD',
    category: 'other',
    services: 'E-waste collection and certified decommissioning of scanners, sensors, servers and drives.',
    dataTouched: ['pii', 'supplier-pricing'],
    criticality: 'medium',
    owner: 'Liam Brennan (Data & Analytics)',
    status: 'active',
    tags: ['e-waste', 'data destruction', 'ITAD'],
    notes:
      'Certificates of destruction are issued per batch, not per serial number; requested serial-level certificates. Devices must be revoked from MDM and certificate trust before pickup.',
  },
  {
    name: 'Brightfloor Cleaning Co.',
    category: 'other',
    services: 'Nightly floor scrubbing and restroom cleaning for the main distribution centre.',
    dataTouched: ['none'],
    criticality: 'low',
    owner: 'Dana Whitfield (Operations)',
    status: 'active',
    tags: ['facilities', 'site access'],
    notes:
      'No system access; crews are escorted and badge access is limited to night shift. Low risk, review annually.',
  },
];
