import { useCallback, useEffect, useState } from 'react';

export type Route = { page: 'vendors'; vendorId: string | null } | { page: 'settings' };

/** Reads a route from the location hash ("#/vendors/ID", "#/settings"). */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'settings') return { page: 'settings' };
  return {
    page: 'vendors',
    vendorId: parts[0] === 'vendors' && parts[1] ? decodeURIComponent(parts[1]) : null,
  };
}

function hashOf(route: Route): string {
  return route.page === 'settings'
    ? '#/settings'
    : route.vendorId
      ? `#/vendors/${encodeURIComponent(route.vendorId)}`
      : '#/vendors';
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
