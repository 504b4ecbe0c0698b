import { changedFields } from '../domain/audit';
import { printable } from './format';
import { done, failureFromError } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';
import { VENDOR_FIELD_OPTIONS, vendorFieldsFromFlags, vendorIssuePath } from './vendor-fields';

/** `vendors add`: create a vendor from flags. */
export const vendorsAdd: CommandSpec = {
  writes: true,
  words: ['vendors', 'add'],
  summary: 'Add a vendor',
  description:
    'Adds a vendor. --name and --category are required; the other fields have defaults. ' +
    'Values are checked by the same rules as the app’s form.',
  args: [],
  options: VENDOR_FIELD_OPTIONS,
  // The two fields without a default are flags a user must give: a usage error, like any missing flag.
  check: (_args, flags) =>
    !flags.has('name')
      ? 'missing --name NAME'
      : !flags.has('category')
        ? 'missing --category CATEGORY'
        : undefined,
  examples: [
    'vendor-risk vendors add --name "Lagerwerk Süd GmbH" --category 3pl --criticality high \\\n' +
      '    --data pii,operational-telemetry --owner "Dana Whitfield" --status active --tags "cold chain,EU"',
  ],
  async run({ dispatcher, flags }) {
    const result = await request(dispatcher, 'vendors.create', vendorFieldsFromFlags(flags));
    if (!result.ok) return failureFromError(result.error, vendorIssuePath);
    const vendor = result.value;
    return done(`Added vendor ${printable(vendor.name)} (${vendor.id})`, vendor);
  },
};

/** `vendors update`: change the given fields of a vendor. */
export const vendorsUpdate: CommandSpec = {
  writes: true,
  words: ['vendors', 'update'],
  summary: 'Change fields of a vendor',
  description:
    'Changes only the fields given; at least one is required. VENDOR is an id or the exact name. ' +
    '--tags and --data replace the whole list; --tags "" clears it.',
  args: ['VENDOR'],
  options: VENDOR_FIELD_OPTIONS,
  examples: [
    'vendor-risk vendors update "Lagerwerk Süd GmbH" --status offboarded --tags ""',
    'vendor-risk vendors update "Palletline Yard Manager" --criticality critical --user "Sam Keller"',
  ],
  check(_args, flags) {
    const given = Object.keys(VENDOR_FIELD_OPTIONS).some((name) => flags.has(name));
    if (given) return undefined;
    const names = Object.keys(VENDOR_FIELD_OPTIONS).map((n) => `--${n}`);
    return `nothing to change: give at least one of ${names.join(', ')}`;
  },
  async run({ dispatcher, args, flags }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const before = found.vendor;
    const result = await request(dispatcher, 'vendors.update', {
      id: before.id,
      patch: vendorFieldsFromFlags(flags),
    });
    if (!result.ok) return failureFromError(result.error, vendorIssuePath);
    const after = result.value;
    const changed = changedFields(before, after);
    const label = `${printable(after.name)} (${after.id})`;
    const text = changed.length
      ? `Updated vendor ${label}: ${changed.join(', ')}`
      : `Vendor ${label} unchanged`;
    return done(text, after);
  },
};

/** `vendors remove`: delete a vendor (the audit trail keeps what it was). */
export const vendorsRemove: CommandSpec = {
  writes: true,
  words: ['vendors', 'remove'],
  summary: 'Delete a vendor',
  description:
    'Deletes a vendor. There is no prompt (scripts may run without a terminal), so --yes is required. ' +
    'The audit trail keeps the deleted record: `vendors history ID` still shows it.',
  args: ['VENDOR'],
  options: { yes: { type: 'boolean', description: 'Confirm the deletion' } },
  examples: ['vendor-risk vendors remove "Lagerwerk Süd GmbH" --yes'],
  check(_args, flags) {
    return flags.boolean('yes') ? undefined : 'refusing to delete without --yes';
  },
  async run({ dispatcher, args }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const result = await request(dispatcher, 'vendors.remove', { id: found.vendor.id });
    if (!result.ok) return failureFromError(result.error);
    return done(`Removed vendor ${printable(found.vendor.name)} (${found.vendor.id})`, result.value);
  },
};
