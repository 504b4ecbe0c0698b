import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openApp, vendorInput } from '../helpers';
import { createVulnerabilityService } from '../../../electron/services/vulnerabilities';
import { loadVulnerabilitySources } from '../../../electron/services/vulnerability-sources';
import type { ServiceContext } from '../../../electron/services/context';
import { fixtureSources, INVENTORY } from './match-fixture';

const NOW = new Date('2026-11-24T12:00:00Z');

/** The app with the fixture inventory imported, Siemens and Moxa linked, and a matcher reading the fixture sources. */
async function setup(pageSize?: number) {
  const app = openApp({ now: () => NOW });
  const call = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const d = app.dispatcher;
  const siemens = app.services.vendors.create(vendorInput({ name: 'Siemens AG', category: 'robotics-iot' }));
  const moxa = app.services.vendors.create(vendorInput({ name: 'Moxa Inc.', category: 'robotics-iot' }));
  const csv = readFileSync(INVENTORY).toString('base64');
  const preview = await call(
    d.call('devices.preview', { source: 'floor', fileName: 'inventory.csv', contentBase64: csv }),
  );
  await call(d.call('devices.apply', { token: preview.token }));
  for (const m of ['Siemens AG', 'Siemens'])
    await call(d.call('devices.link', { manufacturer: m, vendorId: siemens.id }));
  for (const m of ['Moxa Inc.', 'Moxa'])
    await call(d.call('devices.link', { manufacturer: m, vendorId: moxa.id }));
  const ctx: ServiceContext = {
    storage: app.services.storage,
    actor: () => 'Unit Tester',
    now: () => NOW,
    newId: randomUUID,
  };
  const ids: Record<string, string> = { 'v-siemens': siemens.id, 'v-moxa': moxa.id };
  const matcher = createVulnerabilityService(ctx, {
    pageSize,
    inputs: (c) => {
      const sources = fixtureSources();
      // The fixture's SBOM and VEX are attached to the fixture's vendor ids: here, the real ones.
      for (const s of sources.sboms) s.vendorId = ids[s.vendorId]!;
      for (const v of sources.vex) v.vendorId = ids[v.vendorId]!;
      return { ...loadVulnerabilitySources(c), sources };
    },
  });
  const names: Record<string, string> = { [siemens.id]: 'siemens', [moxa.id]: 'moxa' };
  /** A vendor's id by a name shared across setups, and back: the ids differ per app. */
  const idOf = (name: string) => (name === 'siemens' ? siemens.id : moxa.id);
  const nameOf = (id: string) => names[id]!;
  return { app, call, d, siemens, moxa, matcher, idOf, nameOf };
}

describe('the vulnerability service', () => {
  it('matches a page of devices at a time with the same result as all at once', async () => {
    const all = await setup(1_000_000);
    const whole = all.matcher.rematch();
    const wholeRows = all.app.services.storage.vulnerabilities.list({ vendorId: null, kev: false });
    expect(wholeRows.length).toBeGreaterThan(10);
    for (const size of [1, 4, 7]) {
      const paged = await setup(size);
      const progress: number[] = [];
      const run = paged.matcher.rematch({
        signal: new AbortController().signal,
        progress: (done) => progress.push(done),
      });
      expect(run).toEqual({ ...whole, at: run.at, durationMs: run.durationMs });
      expect(paged.app.services.storage.vulnerabilities.list({ vendorId: null, kev: false })).toEqual(
        wholeRows.map((r) => ({ ...r, vendorId: r.vendorId && paged.idOf(all.nameOf(r.vendorId)) })),
      );
      // One step of progress per page.
      expect(progress).toEqual(
        Array.from({ length: Math.ceil(whole.devices / size) }, (_, i) =>
          Math.min((i + 1) * size, whole.devices),
        ),
      );
    }
  });

  it('a cancelled run rolls back: the earlier results stay', async () => {
    const { app, matcher } = await setup(2);
    const first = matcher.rematch();
    const controller = new AbortController();
    let pages = 0;
    expect(() =>
      matcher.rematch({
        signal: controller.signal,
        progress: () => {
          if (++pages === 3) controller.abort();
        },
      }),
    ).toThrow(/cancelled/);
    expect(app.services.storage.vulnerabilities.lastRun()).toMatchObject({
      at: first.at,
      matches: first.matches,
    });
    expect(app.services.storage.vulnerabilities.list({ vendorId: null, kev: false })).toHaveLength(
      first.matches,
    );
  });

  it('keeps the matches of the last run, by vendor and KEV, and feeds the device checks', async () => {
    const { app, call, d, siemens, matcher } = await setup();
    // Before the first run with sources, the app's own run (no advisories in this branch) found nothing.
    expect(await call(d.call('devices.vulnerabilities', {}))).toMatchObject({ total: 0, kevDevices: 0 });
    const run = matcher.rematch();
    expect(run).toMatchObject({ devices: 18, advisories: 8, kevEntries: 30, suppressed: 1 });
    const all = await call(d.call('devices.vulnerabilities', {}));
    expect(all.total).toBe(run.matches);
    // EDGE-OLD, LPE-BELOW, LPE-NOFW (unsure), LPE-SPARE (not on the floor): four devices with a KEV-listed match.
    expect(all.kevDevices).toBe(4);
    const kev = await call(d.call('devices.vulnerabilities', { vendorId: siemens.id, kev: true }));
    expect(kev.rows.map((r) => `${r.deviceId} ${r.cve} ${r.confidence}`).sort()).toEqual([
      'EDGE-OLD CVE-2021-4034 exact',
      'LPE-BELOW CVE-2021-4034 exact',
      'LPE-NOFW CVE-2021-4034 version-unknown',
      'LPE-SPARE CVE-2021-4034 exact',
    ]);
    const one = await call(
      d.call('devices.vulnerabilities', { device: { source: 'floor', deviceId: 'EDGE-NEW' } }),
    );
    expect(one.rows.map((r) => [r.cve, r.suppressedBy !== null])).toEqual([
      ['CVE-2099-0002', true],
      ['CVE-2099-0004', false],
    ]);
    const devices = await call(d.call('devices.list', { finding: 'kev-exploited', limit: 50 }));
    expect(devices.items.map((x) => x.device.deviceId).sort()).toEqual(['EDGE-OLD', 'LPE-BELOW']);
    const unsure = await call(d.call('devices.list', { search: 'LPE-NOFW', limit: 5 }));
    expect(unsure.items[0]!.results['kev-exploited']).toBe('unknown');
    const spare = await call(d.call('devices.list', { search: 'LPE-SPARE', limit: 5 }));
    expect(spare.items[0]!.results['kev-exploited']).toBe('n/a');
    const cisco = await call(d.call('devices.list', { search: 'OTHER-1', limit: 5 }));
    expect(cisco.items[0]!.results['kev-exploited']).toBe('pass');
    expect(app.internalErrors).toEqual([]);
  });

  it('knocks the vendor out through the device questionnaire, with a message that says whether a fix exists and since when', async () => {
    const { call, d, siemens, moxa, matcher } = await setup();
    const before = await call(d.call('scores.vendor', { id: siemens.id }));
    expect(before.flags.some((f) => f.knockout)).toBe(false);
    matcher.rematch();
    const after = await call(d.call('scores.vendor', { id: siemens.id }));
    const knockout = after.flags.find((f) => f.knockout);
    expect(knockout?.message).toBe(
      'Devices: 2 active devices run firmware with a known exploited vulnerability — CVE-2021-4034 (in KEV since 2022-06-27): a fix exists (V2.0) since 2022-06-16',
    );
    expect(after.knockouts).toBe(1);
    expect(after.flags.find((f) => f.severity === 'high' && f.message.includes('CVSS 9'))).toBeDefined();
    const flags = await call(d.call('devices.vendorVulnerabilities', { vendorId: siemens.id }));
    expect(flags.flags.map((f) => f.message)).toEqual([
      'Devices: 2 active devices run firmware with a known exploited vulnerability — CVE-2021-4034 (in KEV since 2022-06-27): a fix exists (V2.0) since 2022-06-16',
      'Devices: 2 active devices run firmware with a critical vulnerability — CVE-2099-0002 (CVSS 9.8): no fix is known; CVE-2099-0004 (CVSS 9.1): no fix is known',
    ]);
    expect(flags.oldestUnpatched).toEqual({ advisoryId: 'ICSA-22-167-16', date: '2022-06-16' });
    // Moxa: a critical SBOM match (9.8) but nothing exploited: a high flag, no knockout.
    const m = await call(d.call('scores.vendor', { id: moxa.id }));
    expect(m.knockouts).toBe(0);
    const mf = await call(d.call('devices.vendorVulnerabilities', { vendorId: moxa.id }));
    expect(mf.flags.map((f) => [f.severity, f.knockout, f.cves])).toEqual([
      ['high', false, ['CVE-2099-0003']],
    ]);
  });

  it('is matched again after a device import and a link change', async () => {
    const { call, d, siemens, matcher } = await setup();
    matcher.rematch();
    expect((await call(d.call('devices.vulnerabilities', {}))).total).toBeGreaterThan(0);
    // The app's own matcher reads the sources of this branch (none yet): a link change re-runs it.
    await call(d.call('devices.link', { manufacturer: 'Siemens', vendorId: siemens.id }));
    const after = await call(d.call('devices.vulnerabilities', {}));
    expect(after.total).toBe(0);
    expect(after.run).toMatchObject({ devices: 18, advisories: 0 });
    // Nothing was checked without advisories: the checks say unknown, not pass.
    const cisco = await call(d.call('devices.list', { search: 'OTHER-1', limit: 5 }));
    expect(cisco.items[0]!.results['kev-exploited']).toBe('unknown');
    const links = await call(d.call('devices.links', {}));
    expect(links.map((l) => [l.manufacturer, l.vendorName])).toEqual([
      ['Moxa', 'Moxa Inc.'],
      ['Moxa Inc.', 'Moxa Inc.'],
      ['Siemens', 'Siemens AG'],
      ['Siemens AG', 'Siemens AG'],
    ]);
  });
});
