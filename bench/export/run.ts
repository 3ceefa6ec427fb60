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
import { REQUIREMENT_COLUMNS, renderDocxAnnex } from '../../libs/export/src/docx-annex.js';
import { renderXlsxAnnex } from '../../libs/export/src/xlsx-annex.js';
import { keyLabel, typeLabel } from '../../libs/export/src/labels.js';
import type { ExportEdition, SpecificationSnapshot } from '../../libs/export/src/snapshot.js';
import { makeSnapshot, syntheticItems } from '../../test/fixtures/export/snapshot.fixture.js';
import { ms, printTable, stats, time } from '../lib.js';
import { healthDuringExports } from './health-case.js';

type Case = 'baseline' | 'annex-tender' | 'annex-buyer' | XlsxCase;
interface WorkerResult {
  samples: number[];
  maxRssMiB: number;
  bytes: number;
}

const SIZES = (process.env.SIZES ?? '500,5000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
const WIDTHS = REQUIREMENT_COLUMNS.map((c) => c.width);

/** The kravmatrix cases (issue 15). */
type XlsxCase = 'xlsx-tender' | 'xlsx-buyer';
const XLSX_WORK: Record<XlsxCase, (s: SpecificationSnapshot) => Promise<Buffer>> = {
  'xlsx-tender': (s) => renderXlsxAnnex(s, 'tender'),
  'xlsx-buyer': (s) => renderXlsxAnnex(s, 'buyer'),
};

/** The same cells as the annex's requirement table, built the plain way. */
async function baseline(snapshot: SpecificationSnapshot): Promise<Buffer> {
  const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
  const cell = (children: Paragraph[], i: number) => new TableCell({ width: { size: WIDTHS[i], type: WidthType.DXA }, children });
  const header = new TableRow({
    tableHeader: true,
    children: REQUIREMENT_COLUMNS.map((c, i) => cell([p(c.title, true)], i)),
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
              ...(item.legalSources.length ? [p(item.legalSources.map((s) => s.section ?? '').join('; '))] : []),
            ],
            1,
          ),
          cell([p(typeLabel(item))], 2),
          cell([p('☐ Ja'), p('☐ Nej')], 3),
          cell([p('')], 4),
          cell([p('')], 5),
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
  ...XLSX_WORK,
};

/** In the child: one warm-up, then RUNS timed runs; prints its result as JSON. */
async function worker(which: Case, n: number, runs: number): Promise<void> {
  const snapshot = makeSnapshot({ items: syntheticItems(n) });
  if (runs === 0) {
    const [body, took] = await time(() => work[which](snapshot));
    const once: WorkerResult = { samples: [took], maxRssMiB: process.resourceUsage().maxRSS / 1024, bytes: body.length };
    process.stdout.write(JSON.stringify(once));
    return;
  }
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

function runCase(which: Case, n: number, runs = RUNS): WorkerResult {
  // The heap bound of the service's export threads (EXPORT_WORKER_HEAP_MB, default 768), so peak memory is as in the service.
  const heap = `--max-old-space-size=${process.env.EXPORT_WORKER_HEAP_MB ?? 768}`;
  const out = execFileSync(process.execPath, [heap, fileURLToPath(import.meta.url), '--worker', which, String(n), String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as WorkerResult;
}

// ---------------------------------------------------------------------------------------------
// The XLSX kravmatrix and the DOCX's peak memory (goals from issue 15)

/** The kravmatrix for 500 and 5,000 requirements: time and peak memory, each with its goal. */
function xlsxReport(): void {
  const rows: Array<Record<string, string | number>> = [];
  for (const n of [500, 5000]) {
    for (const which of ['xlsx-tender', 'xlsx-buyer'] as const) {
      const r = runCase(which, n);
      const s = stats(r.samples);
      rows.push({
        items: n,
        case: which,
        'median time': ms(s.p50),
        'max time': ms(s.max),
        'peak RSS': `${r.maxRssMiB.toFixed(0)} MiB`,
        'file size': `${(r.bytes / 1024).toFixed(0)} KiB`,
        goal: n === 500 ? (s.p50 < 500 ? 'median < 500 ms: met' : 'median < 500 ms: NOT MET') : 'printed',
      });
    }
  }
  printTable(`XLSX kravmatrix (median of ${RUNS} runs after a warm-up; each case in its own process)`, rows);
}

/**
 * Peak RSS of one render in a fresh process, without warm-up: what one export costs. The timed
 * cases above run several renders in one process, and V8 keeps the garbage of earlier renders
 * for a while, so their peak RSS is mostly heap growth (the plain baseline shows the same).
 */
function singleRenderMemory(): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  for (const which of ['baseline', 'annex-tender', 'xlsx-tender'] as const) {
    const r = runCase(which, 5000, 0);
    rows.push({ items: 5000, case: which, 'one render': ms(r.samples[0] ?? 0), 'peak RSS': `${r.maxRssMiB.toFixed(0)} MiB` });
  }
  printTable('One render of 5,000 items in a fresh process (no warm-up)', rows);
  const tender = parseFloat(String(rows[1]['peak RSS']));
  process.stdout.write(
    `goal: tender DOCX 5,000 items, one render, peak RSS <= 600 MiB: ${tender} MiB (${tender <= 600 ? 'met' : 'NOT MET'})\n`,
  );
  return rows;
}

/** The goals on the DOCX rows: peak RSS of the 5,000-item tender annex and the tender ratio to the baseline. */
function docxGoals(rows: Array<Record<string, string | number>>): void {
  const tender = rows.filter((r) => r.case === 'annex-tender');
  const worst = Math.max(...tender.map((r) => Number(r['ratio to baseline'])));
  process.stdout.write(
    `goal: tender DOCX time ratio to the baseline <= 1.5: worst ${worst.toFixed(2)} (${worst <= 1.5 ? 'met' : 'NOT MET'})\n`,
  );
  const big = tender.find((r) => r.items === 5000);
  if (big) {
    const rss = parseFloat(String(big['peak RSS']));
    process.stdout.write(`goal: tender DOCX 5,000 items peak RSS <= 600 MiB: ${rss} MiB (${rss <= 600 ? 'met' : 'NOT MET'})\n`);
  }
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
  docxGoals(rows);
  singleRenderMemory();
  xlsxReport();
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
