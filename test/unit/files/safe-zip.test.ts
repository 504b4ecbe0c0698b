import { beforeAll, describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  entryStream,
  openZip,
  readEntry,
  storedZip,
  ZipRefused,
  type Zip,
  type ZipEntry,
  type ZipLimits,
} from '../../../electron/files/safe-zip';
import { xlsxRows } from '../../../electron/files/xlsx-rows';
import { readWorkbook } from '../../../electron/exchange/workbook';
import { zeros, zipOf } from '../../fixtures/handmade-zip';

const MB = 1024 * 1024;
const LIMITS: ZipLimits = { maxEntries: 10, maxTotalBytes: 10 * MB };

function opened(bytes: Buffer, limits = LIMITS): Zip {
  const zip = openZip(bytes, limits);
  if (!zip.ok) throw new Error(zip.message);
  return zip;
}

const entry = (zip: Zip, name: string): ZipEntry => zip.entries.find((e) => e.name === name)!;

/** Both ways of reading an entry, as one signature. */
const readers: [string, (zip: Zip, e: ZipEntry) => Promise<Buffer>][] = [
  ['readEntry', async (zip, e) => readEntry(zip, e)],
  ['entryStream', (zip, e) => buffer(entryStream(zip, e))],
];

/** Runs something, with its time and how far the process's memory grew (peak resident size; array buffers sampled). */
async function measure(run: () => Promise<unknown>) {
  const before = process.memoryUsage();
  let rss = before.rss;
  let arrayBuffers = before.arrayBuffers;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    arrayBuffers = Math.max(arrayBuffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, 2);
  const started = performance.now();
  let error: unknown = null;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  sample();
  clearInterval(timer);
  // The process's peak resident size (it also sees inside synchronous work, which sampling cannot).
  rss = Math.max(rss, process.resourceUsage().maxRSS * 1024);
  return { error, ms, rssMB: (rss - before.rss) / MB, buffersMB: (arrayBuffers - before.arrayBuffers) / MB };
}

describe('safe zip', () => {
  it('reads stored and deflated entries, and re-packs them as a stored zip that reads the same', async () => {
    const text = Buffer.from('<sheet>'.repeat(10_000));
    const zip = opened(
      zipOf([
        { name: 'xl/a.xml', data: text },
        { name: 'xl/b.bin', data: Buffer.from([1, 2, 3]), stored: true },
        { name: 'xl/empty/', data: Buffer.alloc(0), stored: true },
      ]),
    );
    expect(zip.entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['xl/a.xml', 8, text.length],
      ['xl/b.bin', 0, 3],
      ['xl/empty/', 0, 0],
    ]);
    for (const [, read] of readers) {
      expect(await read(zip, entry(zip, 'xl/a.xml'))).toEqual(text);
      expect(await read(zip, entry(zip, 'xl/b.bin'))).toEqual(Buffer.from([1, 2, 3]));
    }
    // Every read took from the budget.
    expect(zip.budget.remaining).toBe(LIMITS.maxTotalBytes - 2 * (text.length + 3));

    const repacked = await buffer(
      storedZip(zip.entries.map((e) => ({ ...e, data: () => entryStream(zip, e) }))),
    );
    const again = opened(repacked);
    expect(again.entries.map((e) => [e.name, e.method, e.size, e.crc32])).toEqual(
      zip.entries.map((e) => [e.name, 0, e.size, e.crc32]),
    );
    expect(readEntry(again, entry(again, 'xl/a.xml'))).toEqual(text);
  });

  it.each([
    [
      'not a zip',
      Buffer.from('PK garbage'),
      'not-a-zip',
      /not a readable \.xlsx workbook \(not a zip archive\)/,
    ],
    ['nothing', Buffer.alloc(0), 'not-a-zip', /not a zip archive/],
    [
      'more entries than allowed',
      zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from('x') }))),
      'too-large',
      /has 11 parts \(at most 10\)/,
    ],
    [
      'declared sizes over the total allowed',
      zipOf([{ name: 'a.xml', data: Buffer.from('x'), size: 11 * MB }]),
      'too-large',
      /unpacks to 11 MB in 1 parts \(at most 10 MB\)/,
    ],
    [
      'a ../ name',
      zipOf([{ name: 'xl/../../evil.xml', data: Buffer.from('x') }]),
      'refused',
      /unsafe name \(xl\/\.\.\/\.\.\/evil\.xml\)/,
    ],
    ['an absolute name', zipOf([{ name: '/etc/passwd', data: Buffer.from('x') }]), 'refused', /unsafe name/],
    ['a drive letter', zipOf([{ name: 'C:\\evil.xml', data: Buffer.from('x') }]), 'refused', /unsafe name/],
    [
      'a backslash ..',
      zipOf([{ name: 'xl\\..\\..\\evil', data: Buffer.from('x') }]),
      'refused',
      /unsafe name/,
    ],
    [
      'a name given twice',
      zipOf([{ name: 'a.xml' }, { name: 'a.xml' }]),
      'refused',
      /holds the part a\.xml twice/,
    ],
    ['encryption', zipOf([{ name: 'a.xml', data: Buffer.from('x'), flags: 0x0801 }]), 'refused', /encrypted/],
    ['bzip2', zipOf([{ name: 'a.xml', data: Buffer.from('x'), method: 12 }]), 'refused', /method 12/],
    ['ZIP64', zipOf([{ name: 'a.xml', data: Buffer.from('x') }], { zip64: true }), 'refused', /ZIP64/],
    [
      'a ZIP64 size',
      zipOf([{ name: 'a.xml', data: Buffer.from('x'), size: 0xffffffff }]),
      'refused',
      /ZIP64/,
    ],
    [
      'a split archive',
      zipOf([{ name: 'a.xml', data: Buffer.from('x') }], { disk: 1 }),
      'refused',
      /split over several files/,
    ],
    [
      'data outside the file',
      zipOf([{ name: 'a.xml', data: Buffer.from('x'), compressedSize: 5000 }]),
      'refused',
      /data of part a\.xml lies outside the file/,
    ],
    [
      'a local header that is not there',
      zipOf([
        { name: 'a.xml', data: Buffer.from('x') },
        { name: 'b.xml', data: Buffer.from('y'), headerOffset: 3 },
      ]),
      'refused',
      /part b\.xml is not where its directory says/,
    ],
    [
      'two entries sharing data',
      zipOf([
        { name: 'a.xml', data: Buffer.from('x') },
        { name: 'b.xml', data: Buffer.from('x'), headerOffset: 0 },
      ]),
      'refused',
      /overlap/,
    ],
    [
      'a stored entry of two sizes',
      zipOf([{ name: 'a.xml', data: Buffer.from('abc'), stored: true, size: 2 }]),
      'refused',
      /zip directory does not match its contents/,
    ],
  ])('refuses %s', (_label, bytes, problem, message) => {
    const zip = openZip(bytes, LIMITS);
    expect(zip).toMatchObject({ ok: false, problem });
    expect(zip.ok || zip.message).toMatch(message);
  });

  describe.each(readers)('%s refuses an entry that is not what the directory says', (_reader, read) => {
    const content = Buffer.from('<row>'.repeat(2000));
    it.each([
      ['a wrong CRC', { crc: 1234 }, /does not match its contents \(part a\.xml has another checksum/],
      ['more than declared', { size: 100 }, /part a\.xml unpacks to more than the 100 bytes it declares/],
      [
        'less than declared',
        { size: content.length + 10 },
        new RegExp(`unpacks to ${content.length} bytes, not the ${content.length + 10}`),
      ],
      [
        'deflate data cut short',
        { raw: zlib.deflateRawSync(content).subarray(0, 20), size: content.length },
        /damaged: part a\.xml cannot be unpacked \(unexpected end of file\)/,
      ],
      [
        'something that is not deflate',
        { raw: Buffer.from([0xff, 0xff, 0xff, 0xff]), size: 4 },
        /damaged: part a\.xml cannot be unpacked/,
      ],
    ])('%s', async (_label, lie, message) => {
      const zip = opened(zipOf([{ name: 'a.xml', data: content, ...lie }]));
      const error = await read(zip, entry(zip, 'a.xml')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZipRefused);
      expect((error as Error).message).toMatch(message);
    });

    it('counts every read against the running total', async () => {
      const zip = opened(zipOf([{ name: 'a.xml', data: content }]), { maxEntries: 1, maxTotalBytes: 15_000 });
      await read(zip, entry(zip, 'a.xml'));
      await expect(read(zip, entry(zip, 'a.xml'))).rejects.toThrow(/unpacks to more than the 0 MB allowed/);
    });
  });

  it('storedZip refuses a part whose data is not its given size', async () => {
    const zip = storedZip([
      { name: 'a', size: 5, crc32: 0, data: () => Readable.from([Buffer.from('abc')]) },
    ]);
    await expect(buffer(zip)).rejects.toThrow(/part a is not 5 bytes/);
  });

  describe('a 2 MB zip whose directory understates what it inflates to (2 GB)', () => {
    // The bomb: 2 GiB of zeros in about 2 MB, declared as a small part.
    const bomb = zeros(2048);
    const single = (size: number) => {
      const zip = opened(zipOf([{ name: 'a.xml', raw: bomb, size, crc: 0 }]));
      return { zip, e: zip.entries[0]! };
    };
    let real: Zip;
    beforeAll(async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Devices').addRow(['id', 'serial']);
      real = opened(Buffer.from(await wb.xlsx.writeBuffer()), { maxEntries: 100, maxTotalBytes: 100 * MB });
    });
    /** An ExcelJS workbook with its sheet replaced by the bomb, declared as `size` bytes. */
    const workbook = (size: number) =>
      zipOf(
        real.entries.map((e) =>
          e.name === 'xl/worksheets/sheet1.xml'
            ? { name: e.name, raw: bomb, size, crc: 0 }
            : { name: e.name, data: readEntry(real, e) },
        ),
      );
    const refusal = async (read: Promise<{ ok: true } | { ok: false; message: string }>) => {
      const r = await read;
      if (!r.ok) throw new Error(r.message);
    };

    it.each<[string, () => Promise<unknown>]>([
      [
        'readEntry, declared 1 KB',
        async () => {
          const { zip, e } = single(1024);
          readEntry(zip, e);
        },
      ],
      [
        'entryStream, declared 1 KB',
        () => {
          const { zip, e } = single(1024);
          return buffer(entryStream(zip, e));
        },
      ],
      [
        'readEntry, declared 9 MB',
        async () => {
          const { zip, e } = single(9 * MB);
          readEntry(zip, e);
        },
      ],
      [
        'entryStream, declared 9 MB',
        () => {
          const { zip, e } = single(9 * MB);
          return buffer(entryStream(zip, e));
        },
      ],
      ['readWorkbook (exchange), declared 10 KB', () => refusal(readWorkbook(workbook(10 * 1024)))],
      ['readWorkbook (exchange), declared 45 MB', () => refusal(readWorkbook(workbook(45 * MB)))],
      [
        'xlsxRows, declared 10 KB',
        async () => {
          for await (const _ of xlsxRows(workbook(10 * 1024), null, () => false));
        },
      ],
      [
        'xlsxRows, declared 900 MB',
        async () => {
          for await (const _ of xlsxRows(workbook(900 * MB), null, () => false));
        },
      ],
    ])('%s: refused at once, in bounded memory', async (label, run) => {
      expect(bomb.length).toBeLessThan(2.2 * MB);
      const m = await measure(run);
      console.log(
        `${label}: refused in ${m.ms.toFixed(0)} ms, rss +${m.rssMB.toFixed(0)} MB, array buffers +${m.buffersMB.toFixed(0)} MB`,
      );
      // The zip's own check, or (for the 900 MB lie) ExcelJS's parser on the zeros it was given first.
      expect((m.error as Error | null)?.message).toMatch(/does not match its contents|cannot be read/);
      expect(m.rssMB).toBeLessThan(200);
      expect(m.buffersMB).toBeLessThan(200);
      expect(m.ms).toBeLessThan(10_000);
    });
  });
});
