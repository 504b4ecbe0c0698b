/**
 * The files an advisories import reads, from the paths the user named: a file itself, the
 * JSON and CSV files of a folder (and its subfolders), the JSON and CSV entries of a zip
 * (read through the safe zip reader: limits, sizes and checksums checked). Other files in
 * folders and zips are counted as ignored; a zip or path that cannot be opened is refused.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isCandidateName } from '../domain/vulnerabilities/advisory-file';
import { openZip, readEntry, ZipRefused } from '../files/safe-zip';

/** One file to read, by the name the summary gives it (a zip's entries as "repo.zip!/path"). */
export interface AdvisorySource {
  name: string;
  /** Whether the user named this very file (not one found in a folder or zip). */
  named: boolean;
  read(): Uint8Array;
}

/** What the paths hold. */
export interface SourceListing {
  sources: AdvisorySource[];
  refused: { file: string; problem: string }[];
  ignored: number;
}

/** The most files a folder or zip is walked for. */
const MAX_FILES = 200_000;
/** The largest zip read (it is held in memory while its entries are read). */
const MAX_ZIP_BYTES = 1024 * 1024 * 1024;
/** What a zip may unpack to, in all. */
const ZIP_LIMITS = { maxEntries: MAX_FILES, maxTotalBytes: 4 * 1024 * 1024 * 1024 };

/** The safe zip reader speaks of workbooks (its first use): here it is a zip of advisories. */
const zipWords = (message: string) =>
  message.replace(/\.xlsx workbook/g, 'zip').replace(/workbook/g, 'zip archive');

/** Lists the files to read under `paths`, in name order within each. */
export function listAdvisorySources(paths: readonly string[]): SourceListing {
  const out: SourceListing = { sources: [], refused: [], ignored: 0 };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      out.refused.push({
        file: path,
        problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    if (stats.isDirectory()) walkFolder(path, out);
    else if (/\.zip$/i.test(path)) walkZip(path, out);
    else out.sources.push({ name: path, named: true, read: () => readFileSync(path) });
  }
  return out;
}

function walkFolder(dir: string, out: SourceListing): void {
  const names = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort();
  for (const name of names) {
    const path = join(dir, name);
    if (out.sources.length >= MAX_FILES) {
      out.refused.push({ file: dir, problem: `holds more than ${MAX_FILES} files; import it in parts` });
      return;
    }
    if (!isFileAt(path)) continue;
    if (/\.zip$/i.test(name)) walkZip(path, out);
    else if (isCandidateName(name))
      out.sources.push({
        name: path,
        named: false,
        read: () => readFileSync(path),
      });
    else out.ignored += 1;
  }
}

function walkZip(path: string, out: SourceListing): void {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_ZIP_BYTES) {
      out.refused.push({
        file: path,
        problem: 'the zip is larger than 1 GB; unpack it and import the folder',
      });
      return;
    }
    bytes = readFileSync(path);
  } catch (error) {
    out.refused.push({
      file: path,
      problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
    return;
  }
  const zip = openZip(bytes, ZIP_LIMITS);
  if (!zip.ok) {
    out.refused.push({ file: path, problem: zipWords(zip.message) });
    return;
  }
  for (const entry of [...zip.entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.endsWith('/')) continue;
    if (!isCandidateName(entry.name)) {
      out.ignored += 1;
      continue;
    }
    out.sources.push({
      name: `${path}!/${entry.name}`,
      named: false,
      read: () => {
        try {
          return readEntry(zip, entry);
        } catch (error) {
          if (error instanceof ZipRefused) throw new Error(zipWords(error.message), { cause: error });
          throw error;
        }
      },
    });
  }
}

/** Whether a path is a file (a broken link or a folder is not). */
function isFileAt(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
