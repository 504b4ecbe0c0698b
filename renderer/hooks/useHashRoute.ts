import { useCallback, useEffect, useState } from 'react';
import { parseDashboardFigure, type DashboardFigure } from '../../electron/domain/vendor-list';

/** The tabs of a vendor's page, in their order. */
export const VENDOR_TABS = [
  'overview',
  'findings',
  'assessments',
  'evidence',
  'contract',
  'devices',
  'activity',
] as const;
export type VendorTab = (typeof VENDOR_TABS)[number];

export type Route =
  /**
   * The vendor list. `peekId`: the vendor shown in the peek panel over it; `figure`: the
   * list was opened from that dashboard figure, filtered to the vendors it counts.
   */
  | { page: 'vendors'; peekId: string | null; figure?: DashboardFigure }
  /** A vendor's own page, on one of its tabs. */
  | { page: 'vendor'; vendorId: string; tab: VendorTab }
  /** `question`: the answer key of a question to open at (from the dashboard's Today). */
  | { page: 'assessment'; id: string; question?: string }
  | { page: 'legal' }
  | { page: 'devices' }
  /** The advisories list, or one advisory (`id`: its tracking id). */
  | { page: 'advisories'; id: string | null }
  | { page: 'self' }
  | { page: 'questionnaires' }
  | { page: 'compare' }
  | { page: 'dashboard' }
  | { page: 'audit' }
  | { page: 'settings' };

/**
 * Reads a route from the location hash: "#/vendors?show=critical&peek=ID" (the list),
 * "#/vendors/ID" and "#/vendors/ID/findings" (a vendor's page and tab; "…/contract" is its
 * Contract tab), "#/assessments/ID", "#/advisories/ID", "#/self", "#/settings".
 */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'audit') return { page: 'audit' };
  if (parts[0] === 'self') return { page: 'self' };
  if (parts[0] === 'questionnaires') return { page: 'questionnaires' };
  if (parts[0] === 'compare') return { page: 'compare' };
  if (parts[0] === 'dashboard') return { page: 'dashboard' };
  if (parts[0] === 'legal') return { page: 'legal' };
  if (parts[0] === 'devices') return { page: 'devices' };
  if (parts[0] === 'advisories')
    return { page: 'advisories', id: parts[1] ? decodeURIComponent(parts[1]) : null };
  if (parts[0] === 'vendors' && parts[1]) {
    const tab = VENDOR_TABS.find((t) => t === parts[2]) ?? 'overview';
    return { page: 'vendor', vendorId: decodeURIComponent(parts[1]), tab };
  }
  const params = new URLSearchParams(search);
  if (parts[0] === 'assessments' && parts[1]) {
    const question = params.get('q');
    return { page: 'assessment', id: decodeURIComponent(parts[1]), ...(question ? { question } : {}) };
  }
  const figure = parseDashboardFigure(params.get('show'));
  return { page: 'vendors', peekId: params.get('peek') || null, ...(figure ? { figure } : {}) };
}

/** The hash of a route. */
export function hashOf(route: Route): string {
  switch (route.page) {
    case 'settings':
      return '#/settings';
    case 'audit':
      return '#/audit';
    case 'self':
      return '#/self';
    case 'questionnaires':
      return '#/questionnaires';
    case 'compare':
      return '#/compare';
    case 'dashboard':
      return '#/dashboard';
    case 'legal':
      return '#/legal';
    case 'devices':
      return '#/devices';
    case 'advisories':
      return route.id ? `#/advisories/${encodeURIComponent(route.id)}` : '#/advisories';
    case 'vendor': {
      const path = `#/vendors/${encodeURIComponent(route.vendorId)}`;
      return route.tab === 'overview' ? path : `${path}/${route.tab}`;
    }
    case 'assessment':
      return `#/assessments/${encodeURIComponent(route.id)}${
        route.question ? `?q=${encodeURIComponent(route.question)}` : ''
      }`;
    case 'vendors': {
      const params = new URLSearchParams();
      if (route.figure) params.set('show', route.figure);
      if (route.peekId) params.set('peek', route.peekId);
      const search = params.toString();
      return search ? `#/vendors?${search}` : '#/vendors';
    }
  }
}

/** The current route and a function to go elsewhere (in-page: never a navigation). */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((next: Route) => {
    const hash = hashOf(next);
    if (location.hash !== hash) history.replaceState(null, '', hash);
    setRoute(next);
  }, []);
  return [route, go];
}
