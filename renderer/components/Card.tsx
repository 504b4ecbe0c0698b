import type { ReactNode } from 'react';
import './Card.css';

/**
 * A bordered surface. With a title it is a region named by it, the title its heading
 * (a dashboard panel); without, a plain box.
 */
export function Card({
  title,
  className,
  children,
}: {
  title?: string;
  className?: string;
  children: ReactNode;
}) {
  const classes = className ? `card ${className}` : 'card';
  if (title === undefined) return <div className={classes}>{children}</div>;
  return (
    <section className={classes} aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A figure on a card: the number, what it counts, a note; `alert` borders it in the danger
 * colour (the number says it too). With `onShow` the card is a button that opens what it counts.
 */
export function FigureCard({
  label,
  value,
  note,
  alert,
  onShow,
  showTitle = 'Show these vendors in the list',
}: {
  label: string;
  value: ReactNode;
  note?: string;
  alert?: boolean;
  onShow?(): void;
  /** The button's tooltip. */
  showTitle?: string;
}) {
  const className = alert ? 'card card-figure card-alert' : 'card card-figure';
  const body = (
    <>
      <span className="card-value">{value}</span>
      <span className="card-label">{label}</span>
      {note && <span className="cell-muted card-note">{note}</span>}
    </>
  );
  if (!onShow) return <div className={className}>{body}</div>;
  return (
    <button type="button" className={className} onClick={onShow} title={showTitle}>
      {body}
    </button>
  );
}
