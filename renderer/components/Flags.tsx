import type { ReactNode } from 'react';
import './Flags.css';

interface ShownFlag {
  severity: string;
  knockout: boolean;
}

/** A list of red flags, each marked by its severity's colour and words. */
export function FlagList({
  label,
  live,
  className,
  children,
}: {
  /** The list's accessible name (none for a list inside a region named "Red flags"). */
  label?: string;
  /** Said by a screen reader as flags come and go. */
  live?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <ul
      className={className ? `flags ${className}` : 'flags'}
      aria-label={label}
      aria-live={live ? 'polite' : undefined}
    >
      {children}
    </ul>
  );
}

/** One red flag: its severity's colour at the side. */
export function FlagItem({ flag, children }: { flag: ShownFlag; children: ReactNode }) {
  return <li className={`flag flag-${flag.severity}`}>{children}</li>;
}

/** A flag's severity, and that it is a knockout. */
export function FlagSeverity({ flag }: { flag: ShownFlag }) {
  return (
    <span className="flag-severity">{flag.knockout ? `Knockout · ${flag.severity}` : flag.severity}</span>
  );
}
