/**
 * A repository whose statements are prepared on first use: a storage opened at an older
 * schema (a migration's test, or a database being migrated) builds every repository before
 * the tables of the newer ones exist.
 */
export function lazyRepo<T extends object>(build: () => T): T {
  let repo: T | null = null;
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get((repo ??= build()), key),
  });
}
