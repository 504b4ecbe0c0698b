import { VendorIdSchema } from '../domain/primitives';
import type { Vendor, VendorSummary } from '../domain/vendor';
import type { Dispatcher } from '../ipc/dispatch';
import { printable } from './format';
import { failure, failureFromError, type Outcome } from './outcome';

/** A vendor found, or the failure to print. */
export type Resolved = { ok: true; vendor: Vendor } | (Outcome & { ok: false });

/**
 * Finds the vendor a user named on the command line: an id, or an exact name compared
 * case-insensitively. Goes through the dispatcher only (vendors.get, vendors.list).
 */
export async function resolveVendor(dispatcher: Dispatcher, ref: string): Promise<Resolved> {
  const text = ref.trim();
  const notFound = failure(`no vendor with id or name "${printable(ref)}"`);
  if (!text) return notFound;

  if (VendorIdSchema.safeParse(text).success) {
    const got = await dispatcher.call('vendors.get', { id: text });
    if (got.ok) return { ok: true, vendor: got.value };
    if (got.error.code !== 'NOT_FOUND') return failureFromError(got.error);
  }

  const listed = await dispatcher.call('vendors.list', { search: text });
  if (!listed.ok) return listed.error.code === 'INVALID_INPUT' ? notFound : failureFromError(listed.error);
  const matches = matchName(listed.value.items, text);
  const [match] = matches;
  if (!match) return notFound;
  if (matches.length > 1) {
    return failure(
      `several vendors are named "${printable(text)}"; use an id: ${matches.map((m) => m.id).join(', ')}`,
    );
  }
  const got = await dispatcher.call('vendors.get', { id: match.id });
  return got.ok ? { ok: true, vendor: got.value } : failureFromError(got.error);
}

/**
 * The vendor an optional `--vendor` names, by id: null when the option is not given, the
 * failure to print when it names no vendor.
 */
export async function resolveOptionalVendor(
  dispatcher: Dispatcher,
  ref: string | undefined,
): Promise<{ ok: true; vendorId: string | null } | (Outcome & { ok: false })> {
  if (ref === undefined) return { ok: true, vendorId: null };
  const found = await resolveVendor(dispatcher, ref);
  return found.ok ? { ok: true, vendorId: found.vendor.id } : found;
}

/** Vendors whose name is exactly `name`; if none, those equal ignoring case. */
export function matchName<T extends Pick<VendorSummary, 'name'>>(items: readonly T[], name: string): T[] {
  const exact = name.normalize('NFC');
  const same = items.filter((item) => item.name.normalize('NFC') === exact);
  if (same.length > 0) return same;
  const folded = exact.toLowerCase();
  return items.filter((item) => item.name.normalize('NFC').toLowerCase() === folded);
}
