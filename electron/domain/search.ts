/** Folds text for search: case-insensitive and accent-insensitive ("Nordläger" matches "nordlager"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en');
}
