import type { ResponseOf } from '../ipc/contract';
import { formatTable, printable } from './format';
import { done, failure, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

type Summary = ResponseOf<'advisories.importPaths'>;

/** How many skipped and refused files the text names (--json has them all). */
const SHOWN_FILES = 20;

/** `advisories import`: CSAF advisories and the KEV catalog from files, folders and zips. */
export const advisoriesImport: CommandSpec = {
  writes: true,
  words: ['advisories', 'import'],
  summary: 'Import CSAF advisories and the CISA KEV catalog (files, folders, zips)',
  description:
    'Reads each PATH — a file, a folder (its JSON and CSV files, subfolders included) or a zip of them — and ' +
    'recognises each file by its content: a CSAF 2.0 advisory (any category, csaf_vex included), or CISA’s Known ' +
    'Exploited Vulnerabilities catalog as JSON or CSV. A newer tracking version of an advisory replaces the stored ' +
    'one; an older or equal one is kept. A re-imported catalog replaces the stored one (entries added and removed ' +
    'are counted). Files that are neither are skipped and malformed ones refused, each named with its first ' +
    'problem, while the others import; everything read is written in one transaction. A single file that cannot be ' +
    'imported writes nothing and exits 2, as does an import in which nothing could be imported. Nothing is downloaded.',
  args: ['PATH...'],
  options: {},
  examples: [
    'vendor-risk advisories import icsa-24-046-11.json',
    'vendor-risk advisories import csaf-advisories/ known_exploited_vulnerabilities.csv',
    'vendor-risk advisories import cisa-csaf-2024.zip --json',
  ],
  async run({ dispatcher, args }) {
    const result = await request(dispatcher, 'advisories.importPaths', {
      paths: args,
      jobId: 'cli-advisories',
    });
    if (!result.ok) return failureFromError(result.error);
    const s = result.value;
    const text = formatSummary(s);
    // Nothing imported: one line on stderr with the first reason (a refused file's problem, else
    // why a file was skipped: an older KEV catalog than the one kept, say), and nothing on stdout.
    if (!s.advisories.length && !s.kev)
      return failure(
        s.refused.length
          ? `nothing imported: ${s.refused.length} file(s) refused, first ${printable(s.refused[0]!.file)}: ${s.refused[0]!.problem}`
          : s.skipped.length
            ? `nothing imported: ${s.skipped.length} file(s) skipped, first ${printable(s.skipped[0]!.file)}: ${s.skipped[0]!.reason}`
            : `nothing imported: no CSAF advisory or KEV catalog in ${args.map(printable).join(', ')}`,
      );
    return done(text, s);
  },
};

/** `advisories list`: the stored advisories, or the KEV catalog. */
export const advisoriesList: CommandSpec = {
  words: ['advisories', 'list'],
  summary: 'List the stored advisories, or the KEV catalog with --kev',
  description:
    'Lists the stored CSAF advisories, newest release first: tracking id, version, release date, the highest CVSS ' +
    'score, CVEs and vendors. --kev lists the Known Exploited Vulnerabilities catalog instead, with its version and date.',
  args: [],
  options: { kev: { type: 'boolean', description: 'List the KEV catalog instead of the advisories' } },
  examples: ['vendor-risk advisories list', 'vendor-risk advisories list --kev --json'],
  async run({ dispatcher, flags }) {
    if (flags.boolean('kev')) {
      const kev = await request(dispatcher, 'advisories.kev', {});
      if (!kev.ok) return failureFromError(kev.error);
      const { catalog, entries } = kev.value;
      return done(() => {
        if (!catalog)
          return 'No KEV catalog imported: vendor-risk advisories import known_exploited_vulnerabilities.json';
        const rows = entries.map((e) => [
          e.cve,
          e.vendor,
          e.product,
          e.dateAdded,
          e.dueDate ?? '',
          e.ransomware ? 'yes' : '',
        ]);
        return [
          formatTable(['CVE', 'Vendor', 'Product', 'Added', 'Due', 'Ransomware'], rows),
          '',
          `KEV catalog ${catalog.catalogVersion} of ${catalog.dateReleased}: ${catalog.entries} entries.`,
        ].join('\n');
      }, kev.value);
    }
    const list = await request(dispatcher, 'advisories.list', {});
    if (!list.ok) return failureFromError(list.error);
    const items = list.value;
    return done(() => {
      if (!items.length) return 'No advisories imported: vendor-risk advisories import PATH...';
      const rows = items.map((a) => [
        a.trackingId,
        a.version,
        a.currentReleaseDate,
        a.highestCvss ? a.highestCvss.score.toFixed(1) : '',
        a.cves.length > 3 ? `${a.cves.slice(0, 3).join(', ')} +${a.cves.length - 3}` : a.cves.join(', '),
        a.vendors.join(', '),
      ]);
      return [
        formatTable(['Advisory', 'Version', 'Released', 'CVSS', 'CVEs', 'Vendors'], rows),
        '',
        `${items.length} advisories.`,
      ].join('\n');
    }, items);
  },
};

function formatSummary(s: Summary): string {
  const count = (outcome: string) => s.advisories.filter((a) => a.outcome === outcome).length;
  const lines = [
    `Read ${s.files} file(s): ${count('added')} advisories added, ${count('replaced')} replaced by a newer version, ${count('kept')} unchanged/older, kept.`,
  ];
  if (s.kev)
    lines.push(
      `KEV catalog ${s.kev.catalogVersion} of ${s.kev.dateReleased}: ${s.kev.entries} entries` +
        (s.kev.previousVersion === null
          ? '.'
          : ` (was ${s.kev.previousVersion}): ${s.kev.added} added, ${s.kev.removed} removed.`),
    );
  for (const a of s.advisories.filter((x) => x.outcome !== 'added').slice(0, SHOWN_FILES))
    lines.push(
      a.outcome === 'replaced'
        ? `  ${a.trackingId}: version ${a.previous} replaced by ${a.version}`
        : `  ${a.trackingId}: version ${a.version} unchanged/older than the stored ${a.previous}, kept`,
    );
  const named = (list: { file: string; why: string }[], what: string) => {
    if (!list.length) return;
    lines.push(`${list.length} file(s) ${what}:`);
    for (const f of list.slice(0, SHOWN_FILES)) lines.push(`  ${printable(f.file)}: ${f.why}`);
    if (list.length > SHOWN_FILES)
      lines.push(`  … and ${list.length - SHOWN_FILES} more (--json lists them all)`);
  };
  named(
    s.refused.map((r) => ({ file: r.file, why: r.problem })),
    'refused (the others were imported)',
  );
  named(
    s.skipped.map((r) => ({ file: r.file, why: r.reason })),
    'skipped',
  );
  if (s.ignored) lines.push(`${s.ignored} other file(s) in folders and zips ignored (not JSON or CSV).`);
  return lines.join('\n');
}
