import type { TodayAction, TodayGroup, TodayQueue as Queue } from '../../electron/domain/portfolio-today';
import type { DashboardFigure } from '../../electron/domain/vendor-list';
import { CriticalityBadge } from './Badge';
import './TodayQueue.css';

/** Where Today's buttons go (the dashboard wires them to routes). */
export interface TodayHandlers {
  onAction(action: TodayAction): void;
  /** "and N more": the vendor list filtered to the group's vendors. */
  onShowList(figure: DashboardFigure): void;
  /** "and N more" of the reopened legal reviews: the Legal page. */
  onOpenLegal(): void;
  /** "and N more" of the devices on exploited firmware: the advisories. */
  onOpenAdvisories(): void;
}

/**
 * Today: what needs someone now, a group per kind in order of urgency with its count, the
 * most urgent few items each with the button that opens its place, and "and N more".
 */
export function TodayQueue({ queue, ...handlers }: { queue: Queue } & TodayHandlers) {
  return (
    <section className="today card" aria-labelledby="today-title">
      <h2 id="today-title" className="today-title">
        Today
        <span className="today-count">
          {queue.total === 0
            ? 'nothing needs you'
            : `${queue.total} need${queue.total === 1 ? 's' : ''} someone`}
        </span>
      </h2>
      {queue.groups.length === 0 ? (
        <p className="cell-muted">
          No open knockouts, devices on exploited firmware, late conditions, expiring evidence, overdue
          critical vendors or reopened legal reviews.
        </p>
      ) : (
        <div className="today-groups">
          {queue.groups.map((g) => (
            <TodayGroupView key={g.kind} group={g} {...handlers} />
          ))}
        </div>
      )}
    </section>
  );
}

function TodayGroupView({
  group,
  onAction,
  onShowList,
  onOpenLegal,
  onOpenAdvisories,
}: { group: TodayGroup } & TodayHandlers) {
  const more = group.count - group.items.length;
  const vendors =
    group.vendors === group.count ? '' : ` at ${group.vendors} vendor${group.vendors === 1 ? '' : 's'}`;
  return (
    <section className={`today-group today-${group.kind}`} aria-label={group.label} data-kind={group.kind}>
      <h3 className="today-group-title">
        <span>{group.label}</span>
        {group.figure ? (
          <button
            type="button"
            className="link today-group-count"
            onClick={() => group.figure && onShowList(group.figure)}
            aria-label={`${group.label}: show the ${group.vendors} vendor${group.vendors === 1 ? '' : 's'} in the list`}
          >
            {group.count}
            {vendors}
          </button>
        ) : (
          <span className="today-group-count">
            {group.count}
            {vendors}
          </span>
        )}
      </h3>
      <ul className="today-items">
        {group.items.map((item, i) => (
          <li key={`${item.vendorId}-${i}`} className="today-item">
            <div className="today-item-text">
              <span className="today-vendor">
                {item.vendorName}
                {item.criticality && <CriticalityBadge value={item.criticality} />}
              </span>
              <span className="today-what" title={item.text}>
                {item.text}
              </span>
            </div>
            <span className="today-when">{item.when}</span>
            <button
              type="button"
              className="button today-action"
              onClick={() => onAction(item.action)}
              aria-label={`${item.actionLabel}: ${item.vendorName}, ${item.text}`}
            >
              {item.actionLabel}
            </button>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <button
          type="button"
          className="link today-more"
          onClick={() =>
            group.figure
              ? onShowList(group.figure)
              : group.more === 'advisories'
                ? onOpenAdvisories()
                : onOpenLegal()
          }
        >
          and {more} more{' '}
          {group.figure
            ? '— show in the vendor list'
            : group.more === 'advisories'
              ? '— open the advisories'
              : '— open the Legal page'}
        </button>
      )}
    </section>
  );
}
