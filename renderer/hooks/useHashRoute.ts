import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { page: 'vendors'; vendorId: string | null }
  | { page: 'assessment'; id: string }
  | { page: 'self' }
  | { page: 'questionnaires' }
  | { page: 'compare' }
  | { page: 'dashboard' }
  | { page: 'settings' };

/** Reads a route from the location hash ("#/vendors/ID", "#/assessments/ID", "#/self", "#/settings"). */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'self') return { page: 'self' };
  if (parts[0] === 'questionnaires') return { page: 'questionnaires' };
  if (parts[0] === 'compare') return { page: 'compare' };
  if (parts[0] === 'dashboard') return { page: 'dashboard' };
  if (parts[0] === 'assessments' && parts[1]) return { page: 'assessment', id: decodeURIComponent(parts[1]) };
  return {
    page: 'vendors',
    vendorId: parts[0] === 'vendors' && parts[1] ? decodeURIComponent(parts[1]) : null,
  };
}

/** The hash of a route. */
export function hashOf(route: Route): string {
  switch (route.page) {
    case 'settings':
      return '#/settings';
    case 'self':
      return '#/self';
    case 'questionnaires':
      return '#/questionnaires';
    case 'compare':
      return '#/compare';
    case 'dashboard':
      return '#/dashboard';
    case 'assessment':
      return `#/assessments/${encodeURIComponent(route.id)}`;
    case 'vendors':
      return route.vendorId ? `#/vendors/${encodeURIComponent(route.vendorId)}` : '#/vendors';
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
