import type { ReactNode } from 'react';

/** A sidebar icon's name. */
export type IconName =
  | 'dashboard'
  | 'vendors'
  | 'compare'
  | 'self'
  | 'questionnaires'
  | 'legal'
  | 'devices'
  | 'advisories'
  | 'audit'
  | 'settings';

/** The strokes of each icon on a 16 × 16 grid, drawn in the text colour. */
const PATHS: Record<IconName, ReactNode> = {
  dashboard: (
    <>
      <rect x="2" y="2" width="5" height="6" rx="1" />
      <rect x="9" y="2" width="5" height="3" rx="1" />
      <rect x="9" y="7" width="5" height="7" rx="1" />
      <rect x="2" y="10" width="5" height="4" rx="1" />
    </>
  ),
  vendors: (
    <>
      <path d="M2 14V6l4-3 4 3v8" />
      <path d="M10 14V8h4v6" />
      <path d="M1 14h14M5 9h2M5 11.5h2" />
    </>
  ),
  compare: (
    <>
      <path d="M3 14V7M8 14V3M13 14V9" />
      <path d="M1.5 14h13" />
    </>
  ),
  self: (
    <>
      <path d="M2 8l6-5 6 5" />
      <path d="M3.5 7v7h9V7" />
      <path d="M6 11l1.5 1.5L10.5 9" />
    </>
  ),
  questionnaires: (
    <>
      <rect x="3" y="2" width="10" height="12" rx="1" />
      <path d="M5.5 5.5h5M5.5 8h5M5.5 10.5h3" />
    </>
  ),
  legal: (
    <>
      <path d="M8 2v12M4 14h8M3 4h10" />
      <path d="M3 4l-2 5h4zM13 4l-2 5h4z" />
    </>
  ),
  devices: (
    <>
      <rect x="2" y="3" width="12" height="8" rx="1" />
      <path d="M6 14h4M8 11v3" />
    </>
  ),
  advisories: (
    <>
      <path d="M8 1.5l5.5 2v4.2c0 3.2-2.3 5.6-5.5 6.8-3.2-1.2-5.5-3.6-5.5-6.8V3.5z" />
      <path d="M8 5v3.5M8 10.6v.1" />
    </>
  ),
  audit: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  settings: (
    <>
      <circle cx="8" cy="8" r="2.2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
    </>
  ),
};

/** A small line icon, decorative: the text beside it says what it is. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
