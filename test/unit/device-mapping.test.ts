/** The mapping's layers: recognition, a source's saved choices, what the user adds now. */
import { describe, it, expect } from 'vitest';
import {
  assignColumn,
  composeChoices,
  mappingPatch,
  resolveMapping,
  savedChoices,
  storedChoices,
} from '../../electron/domain/device-mapping';
import { DeviceMappingPatchSchema } from '../../electron/domain/devices';

const HEADERS = ['Hostname', 'Serial No.', 'Kind', 'Remarks', 'Site', 'Room'];

describe('resolving a mapping', () => {
  it('recognises what it can, takes the saved choices over that, and the user’s over those', () => {
    const auto = resolveMapping(HEADERS, null, null);
    expect(auto.columns).toEqual({
      Hostname: 'name',
      'Serial No.': 'serial',
      Kind: 'type',
      Remarks: null,
      Site: 'location',
      Room: 'location',
    });
    const saved = { columns: { Remarks: 'owner' as const }, values: { type: { Wrapper: 'plc' as const } } };
    const withSaved = resolveMapping(HEADERS, null, saved);
    expect(withSaved.columns.Remarks).toBe('owner');
    expect(withSaved.values.type).toEqual({ Wrapper: 'plc' });
    // The user gives the serial's field to Remarks: Serial No. loses it; a placement given null goes.
    const mine = resolveMapping(
      HEADERS,
      { columns: { Remarks: 'serial' }, values: { type: { Wrapper: null } } },
      saved,
    );
    expect(mine.columns).toMatchObject({ Remarks: 'serial', 'Serial No.': null });
    expect(mine.values.type).toEqual({});
  });

  it('refuses a user’s mapping naming a column the file lacks, or two columns for one field', () => {
    expect(() => resolveMapping(HEADERS, { columns: { Serial: 'serial' } }, null)).toThrow(
      'The mapping names a column the file does not have: "Serial"',
    );
    const twice = DeviceMappingPatchSchema.safeParse({ columns: { Hostname: 'serial', Remarks: 'serial' } });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toBe(
      'Both "Hostname" and "Remarks" are mapped to Serial number; map one column to each field',
    );
  });
});

describe('saving a source’s choices', () => {
  it('keeps only choices: what recognition gives is decided again next time', () => {
    const choices = composeChoices(
      { columns: { Remarks: 'owner' }, values: { status: { Mothballed: 'spare' } } },
      { columns: { Kind: null }, values: { type: { Wrapper: 'plc' }, status: { Mothballed: null } } },
      'mdy',
    );
    expect(choices).toEqual({
      columns: { Remarks: 'owner', Kind: null },
      values: { status: {}, type: { Wrapper: 'plc' } },
      dateOrder: 'mdy',
    });
    // A column whose saved field the user gives to another has no choice left.
    expect(
      composeChoices({ columns: { Remarks: 'owner' } }, { columns: { Hostname: 'owner' } }, 'auto').columns,
    ).toEqual({
      Hostname: 'owner',
    });
    expect(savedChoices(storedChoices(choices))).toEqual(choices);
  });

  it('reads a full mapping saved by an earlier version as choices, its unmapped columns left to recognition', () => {
    const older = {
      columns: { Hostname: null, 'Asset Tag': 'deviceId', Kind: 'type' },
      values: { status: { decommissioning: 'decommissioned' }, type: {} },
      dateOrder: 'dmy',
    };
    expect(savedChoices(older)).toEqual({
      columns: { 'Asset Tag': 'deviceId', Kind: 'type' },
      values: { status: { decommissioning: 'decommissioned' }, type: {} },
      dateOrder: 'dmy',
    });
    expect(resolveMapping(['Hostname', 'Asset Tag', 'Kind'], null, savedChoices(older)).columns).toEqual({
      Hostname: 'name',
      'Asset Tag': 'deviceId',
      Kind: 'type',
    });
    expect(savedChoices('nonsense')).toBeNull();
    expect(savedChoices({ version: 2, columns: { A: 'no-such-field' } })).toBeNull();
  });
});

describe('the wizard’s changes as a patch', () => {
  it('names only what differs, and a removed placement as null', () => {
    const from = resolveMapping(HEADERS, null, { values: { type: { Wrapper: 'plc' } } });
    const to = {
      ...from,
      columns: assignColumn(from.columns, 'Remarks', 'owner'),
      values: { status: { Mothballed: 'spare' as const }, type: {} },
    };
    expect(mappingPatch(from, to)).toEqual({
      columns: { Remarks: 'owner' },
      values: { type: { Wrapper: null }, status: { Mothballed: 'spare' } },
    });
    expect(resolveMapping(HEADERS, mappingPatch(from, to), { values: { type: { Wrapper: 'plc' } } })).toEqual(
      to,
    );
  });

  it('gives a field to one column, taking it from another, except location', () => {
    expect(assignColumn({ A: 'serial', B: null }, 'B', 'serial')).toEqual({ A: null, B: 'serial' });
    expect(assignColumn({ A: 'location', B: null }, 'B', 'location')).toEqual({
      A: 'location',
      B: 'location',
    });
  });
});
