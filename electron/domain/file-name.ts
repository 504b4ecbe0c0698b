/** Characters some OS refuses in a file name: control characters and <>:"/\|?* */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILE_NAMES = /[\u0000-\u001f<>:"/\\|?*]+/g;

/** A vendor or assessment name made safe as a file name on every OS. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(NOT_IN_FILE_NAMES, ' ').replace(/\s+/g, ' ').trim();
  return (cleaned.replace(/^\.+/, '') || 'Report').slice(0, 80);
}

/**
 * The last part of a path, for messages that name a file ("report.pdf", not the folders
 * it sits in). Takes both / and \ as separators, so a Windows path reads right anywhere.
 */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
