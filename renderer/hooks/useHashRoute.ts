import { useCallback, useEffect, useState } from 'react';
import { parseDashboardFigure, type DashboardFigure } from '../../electron/domain/vendor-list';

export type Route =
  /** `figure`: the list was opened from that dashboard figure, filtered to the vendors it counts. */
  | { page: 'vendors'; vendorId: string | null; figure?: DashboardFigure }
  /** `question`: the answer key of a question to open at (from the dashboard's Today). */
  | { page: 'assessment'; id: string; question?: string }
  | { page: 'contract'; vendorId: string }
  | { page: 'legal' }
  | { page: 'devices' }
  | { page: 'self' }
  | { page: 'questionnaires' }
  | { page: 'compare' }
  | { page: 'dashboard' }
  | { page: 'audit' }
  | { page: 'settings' };

/** Reads a route from the location hash ("#/vendors/ID?show=critical", "#/assessments/ID", "#/self", "#/settings"). */
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
  if (parts[0] === 'vendors' && parts[1] && parts[2] === 'contract')
    return { page: 'contract', vendorId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'assessments' && parts[1]) {
    const question = new URLSearchParams(search).get('q');
    return { page: 'assessment', id: decodeURIComponent(parts[1]), ...(question ? { question } : {}) };
  }
  const figure = parseDashboardFigure(new URLSearchParams(search).get('show'));
  return {
    page: 'vendors',
    vendorId: parts[0] === 'vendors' && parts[1] ? decodeURIComponent(parts[1]) : null,
    ...(figure ? { figure } : {}),
  };
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
    case 'contract':
      return `#/vendors/${encodeURIComponent(route.vendorId)}/contract`;
    case 'assessment':
      return `#/assessments/${encodeURIComponent(route.id)}${
        route.question ? `?q=${encodeURIComponent(route.question)}` : ''
      }`;
    case 'vendors': {
      const path = route.vendorId ? `#/vendors/${encodeURIComponent(route.vendorId)}` : '#/vendors';
      return route.figure ? `${path}?show=${encodeURIComponent(route.figure)}` : path;
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
