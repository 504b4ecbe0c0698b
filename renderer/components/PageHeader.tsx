import type { ReactNode } from 'react';
import './PageHeader.css';

/**
 * The one page pattern: the page's title, how many things it shows, a one-line meaning
 * under it, and the page's actions at the right end (the primary action last).
 */
export function PageHeader({
  title,
  count,
  description,
  actions,
}: {
  title: string;
  /** "30 vendors", "412 devices": what the page holds, after the title. */
  count?: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div className="page-header-text">
        <h1>
          {title}
          {count !== undefined && <span className="page-header-count">{count}</span>}
        </h1>
        {description && <p className="page-header-description">{description}</p>}
      </div>
      {actions && <div className="page-header-actions">{actions}</div>}
    </header>
  );
}
