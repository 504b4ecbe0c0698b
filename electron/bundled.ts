/**
 * Whether this code runs from a build (Vite replaces __VENDOR_RISK_BUNDLE__ with true in
 * every Node bundle) or from source (tests, where the identifier is not defined).
 */
declare const __VENDOR_RISK_BUNDLE__: boolean | undefined;

export const BUNDLED: boolean =
  typeof __VENDOR_RISK_BUNDLE__ !== 'undefined' && __VENDOR_RISK_BUNDLE__ === true;
