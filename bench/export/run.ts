/**
 * Export benchmark: the tender annex (DOCX) for 500 and 5,000 requirements through the export
 * library, beside a baseline that builds the same rows straight with `docx` (one plain table
 * with the same cells, no cover, guide, TOC, sections or fixed dates). Each case runs in a child
 * process of its own, so its peak memory (maxRSS) is its own; time is the median of RUNS runs
 * after one warm-up.
 *
 *   npm run bench:export                 (SIZES=500,5000 RUNS=5 by default; HEALTH=0 skips the /health case)
 *
 * A last case measures `/health` while the service exports (see health-case.ts).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { renderDocxAnnex } from '../../libs/export/src/docx-annex.js';
import { keyLabel, typeLabel } from '../../libs/export/src/labels.js';
import type { ExportEdition, SpecificationSnapshot } from '../../libs/export/src/snapshot.js';
import { makeSnapshot, syntheticItems } from '../../test/fixtures/export/snapshot.fixture.js';
import { ms, printTable, stats, time } from '../lib.js';
import { healthDuringExports } from './health-case.js';

type Case = 'baseline' | 'annex-tender' | 'annex-buyer';
interface WorkerResult {
  samples: number[];
  maxRssMiB: number;
  bytes: number;
}

const SIZES = (process.env.SIZES ?? '500,5000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
const WIDTHS = [1750, 5600, 1550, 2000, 3670];

/** The same cells as the annex's requirement table, built the plain way. */
async function baseline(snapshot: SpecificationSnapshot): Promise<Buffer> {
  const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
  const cell = (children: Paragraph[], i: number) => new TableCell({ width: { size: WIDTHS[i], type: WidthType.DXA }, children });
  const header = new TableRow({
    tableHeader: true,
    children: ['Kravnr.', 'Krav', 'Type', 'Opfyldelsesgrad', 'Leverandørens besvarelse'].map((t, i) => cell([p(t, true)], i)),
  });
  const rows = snapshot.items.map(
    (item) =>
      new TableRow({
        children: [
          cell([p(keyLabel(item), true)], 0),
          cell(
            [
              p(item.title, true),
              ...item.statement.split('\n').map((l) => p(l)),
              ...(item.note ? [p(`Kommunens bemærkning: ${item.note}`)] : []),
              ...(item.legalSources.length
                ? [p(`Retskilder: ${item.legalSources.map((s) => `${s.title}, ${s.section}`).join('; ')}`)]
                : []),
            ],
            1,
          ),
          cell([p(typeLabel(item))], 2),
          cell([p('☐ Opfyldt'), p('☐ Delvist opfyldt'), p('☐ Ikke opfyldt')], 3),
          cell([p('')], 4),
        ],
      }),
  );
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Table({
            width: { size: 14570, type: WidthType.DXA },
            columnWidths: WIDTHS,
            layout: TableLayoutType.FIXED,
            rows: [header, ...rows],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const work: Record<Case, (s: SpecificationSnapshot) => Promise<Buffer>> = {
  baseline,
  'annex-tender': (s) => renderDocxAnnex(s, 'tender' satisfies ExportEdition),
  'annex-buyer': (s) => renderDocxAnnex(s, 'buyer' satisfies ExportEdition),
};

/** In the child: one warm-up, then RUNS timed runs; prints its result as JSON. */
async function worker(which: Case, n: number, runs: number): Promise<void> {
  const snapshot = makeSnapshot({ items: syntheticItems(n) });
  let bytes = (await work[which](snapshot)).length;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [body, took] = await time(() => work[which](snapshot));
    samples.push(took);
    bytes = body.length;
  }
  const result: WorkerResult = { samples, maxRssMiB: process.resourceUsage().maxRSS / 1024, bytes };
  process.stdout.write(JSON.stringify(result));
}

function runCase(which: Case, n: number): WorkerResult {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', which, String(n), String(RUNS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as WorkerResult;
}

async function main(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  for (const n of SIZES) {
    const base = runCase('baseline', n);
    const baseMedian = stats(base.samples).p50;
    for (const which of ['baseline', 'annex-tender', 'annex-buyer'] as const) {
      const r = which === 'baseline' ? base : runCase(which, n);
      const s = stats(r.samples);
      rows.push({
        items: n,
        case: which,
        'median time': ms(s.p50),
        'max time': ms(s.max),
        'ratio to baseline': (s.p50 / baseMedian).toFixed(2),
        'peak RSS': `${r.maxRssMiB.toFixed(0)} MiB`,
        'RSS ratio': (r.maxRssMiB / base.maxRssMiB).toFixed(2),
        'file size': `${(r.bytes / 1024).toFixed(0)} KiB`,
      });
    }
  }
  printTable(
    `DOCX tender annex vs plain docx table (median of ${RUNS} runs after a warm-up; each case in its own process; node ${process.version})`,
    rows,
  );
  const annex500 = rows.find((r) => r.items === 500 && r.case === 'annex-tender');
  const worst = Math.max(...rows.filter((r) => r.case === 'annex-tender').map((r) => Number(r['ratio to baseline'])));
  process.stdout.write(
    `\ngoal: tender ratio <= 1.5 (worst ${worst.toFixed(2)})${annex500 ? `, 500 items under 500 ms (${annex500['median time']})` : ''}\n`,
  );
  if (process.env.HEALTH !== '0') await healthDuringExports();
}

if (process.argv[2] === '--worker') {
  worker(process.argv[3] as Case, Number(process.argv[4]), Number(process.argv[5])).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
