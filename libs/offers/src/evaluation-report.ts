import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { spreadsheetText, type EvaluationModel, type SpecificationSnapshot } from '@kravbank/export';
import type { OfferResult } from './evaluation.js';
import type { Conformity, RowFlag } from './model.js';

export const FLAG_TEXT: Record<RowFlag, string> = {
  mk_no: 'Mindstekrav besvaret med Nej',
  mk_blank: 'Mindstekrav ikke besvaret',
  mk_invalid: 'Mindstekrav besvaret uden Ja eller Nej',
  reservation: 'Kravteksten er ændret i besvarelsen (muligt forbehold)',
  missing: 'Kravet mangler i besvarelsen',
};

export const conformityText = (c: Conformity | null): string =>
  c === 'conforming'
    ? 'Alle mindstekrav er bekræftet uden ændringer.'
    : c === 'possibly_non_conforming'
      ? 'Muligvis ikke konditionsmæssigt: se de markerede krav.'
      : 'Besvarelsen er ikke indlæst.';

const number = (n: number | null): string => (n === null ? '–' : n.toLocaleString('da-DK', { maximumFractionDigits: 2 }));
const rankText = (r: OfferResult): string =>
  r.rank !== null ? String(r.rank) : r.conformity !== 'conforming' ? 'Ikke rangeret (mindstekrav)' : 'Ikke rangeret (mangler point)';

export interface EvaluationReportInput {
  snapshot: SpecificationSnapshot;
  model: EvaluationModel;
  results: OfferResult[];
  /** Set for the version to one bidder: only that offer's details, and its place among the ranked offers. */
  bidder?: { offerId: string; rankedCount: number };
  generatedAt: Date;
}

// ---- DOCX ---------------------------------------------------------------------------------------

const p = (text: string, opts: { bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}) =>
  new Paragraph({ heading: opts.heading, children: [new TextRun({ text, bold: opts.bold })] });

function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

function offerSection(r: OfferResult): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [p(`${r.bidderName} (CVR ${r.cvr})`, { heading: HeadingLevel.HEADING_2 })];
  out.push(p(`Konditionsmæssighed: ${conformityText(r.conformity)}`));
  if (r.flaggedRows.length)
    out.push(
      table(
        ['Kravnr.', 'Krav', 'Forhold'],
        r.flaggedRows.map((f) => [
          f.version === null ? f.key : `${f.key} v${f.version}`,
          f.title,
          f.flags.map((x) => FLAG_TEXT[x]).join('\n'),
        ]),
      ),
    );
  out.push(p('Evalueringskrav', { bold: true }));
  out.push(
    table(
      ['Kravnr.', 'Krav', 'Vægt', 'Point', 'Begrundelse'],
      r.scores.map((s) => [s.key, s.title, number(s.weight), number(s.points), s.reason ?? 'Ikke bedømt']),
    ),
  );
  out.push(p(`Vægtet pointsum: ${number(r.weightedTotal)}. Placering: ${rankText(r)}.`, { bold: true }));
  return out;
}

function front(input: EvaluationReportInput): Array<Paragraph | Table> {
  const spec = input.snapshot.specification;
  const m = input.model;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Evalueringsrapport')] }),
    p(`${spec.title} – ${spec.procurementName}`, { bold: true }),
    p(`${spec.organisation.name}. Revision ${spec.revision}${spec.caseNumber ? `, sagsnr. ${spec.caseNumber}` : ''}.`),
    p(`Udarbejdet ${input.generatedAt.toISOString().slice(0, 10)} af Kravbank.`),
    p('Evalueringsmodel', { heading: HeadingLevel.HEADING_1 }),
    p(`Underkriterium: ${m.subCriterion}. Pointskala: ${m.scaleMin} til ${m.scaleMax}.`),
    p(m.method),
    table(
      ['Point', 'Betydning'],
      m.scaleMeaning.map((s) => [String(s.points), s.meaning]),
    ),
  ];
}

function ranking(input: EvaluationReportInput): Array<Paragraph | Table> {
  if (input.bidder) {
    const own = input.results.find((r) => r.offerId === input.bidder!.offerId)!;
    const place = own.rank !== null ? `nr. ${own.rank} af ${input.bidder.rankedCount} rangerede tilbud` : rankText(own).toLowerCase();
    return [p('Resultat', { heading: HeadingLevel.HEADING_1 }), p(`Jeres tilbud er placeret som ${place}.`)];
  }
  return [
    p('Rangering', { heading: HeadingLevel.HEADING_1 }),
    table(
      ['Placering', 'Tilbudsgiver', 'CVR', 'Konditionsmæssighed', 'Vægtet pointsum'],
      [...input.results]
        .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
        .map((r) => [rankText(r), r.bidderName, r.cvr, conformityText(r.conformity), number(r.weightedTotal)]),
    ),
  ];
}

/** The evaluation report as a Word document, in Danish: the model, the ranking, and each offer's conformity and points with reasons. */
export async function renderEvaluationDocx(input: EvaluationReportInput): Promise<Buffer> {
  const shown = input.bidder ? input.results.filter((r) => r.offerId === input.bidder!.offerId) : input.results;
  const doc = new Document({
    creator: input.snapshot.specification.organisation.name,
    title: `Evalueringsrapport: ${input.snapshot.specification.title}`,
    sections: [
      {
        children: [
          ...front(input),
          ...ranking(input),
          p('Tilbuddene', { heading: HeadingLevel.HEADING_1 }),
          ...shown.flatMap(offerSection),
          new Paragraph({ alignment: AlignmentType.LEFT, children: [] }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

// ---- XLSX ---------------------------------------------------------------------------------------

const t = (s: string) => spreadsheetText(s);

function header(sheet: ExcelJS.Worksheet, columns: Array<[string, number]>): void {
  sheet.columns = columns.map(([h, width]) => ({ header: h, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The evaluation report as a workbook: Rangering, Point (each EK per offer with its reason) and Forhold (flagged rows). */
export async function renderEvaluationXlsx(input: EvaluationReportInput): Promise<Buffer> {
  const shown = input.bidder ? input.results.filter((r) => r.offerId === input.bidder!.offerId) : input.results;
  const wb = new ExcelJS.Workbook();
  wb.creator = input.snapshot.specification.organisation.name;
  wb.title = `Evalueringsrapport: ${input.snapshot.specification.title}`;
  const rank = wb.addWorksheet('Rangering');
  header(rank, [
    ['Placering', 14],
    ['Tilbudsgiver', 36],
    ['CVR', 12],
    ['Konditionsmæssighed', 50],
    ['Vægtet pointsum', 16],
  ]);
  for (const r of [...shown].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)))
    rank.addRow([r.rank ?? t(rankText(r)), t(r.bidderName), t(r.cvr), t(conformityText(r.conformity)), r.weightedTotal]);
  if (input.bidder) rank.addRow([]).getCell(1).value = t(`Rangerede tilbud i alt: ${input.bidder.rankedCount}`);
  const points = wb.addWorksheet('Point');
  header(points, [
    ['Tilbudsgiver', 30],
    ['Kravnr.', 12],
    ['Krav', 40],
    ['Vægt', 8],
    ['Point', 8],
    ['Begrundelse', 70],
  ]);
  for (const r of shown)
    for (const s of r.scores) points.addRow([t(r.bidderName), t(s.key), t(s.title), s.weight, s.points, t(s.reason ?? 'Ikke bedømt')]);
  const flags = wb.addWorksheet('Forhold');
  header(flags, [
    ['Tilbudsgiver', 30],
    ['Kravnr.', 12],
    ['Krav', 40],
    ['Forhold', 60],
  ]);
  for (const r of shown)
    for (const f of r.flaggedRows) flags.addRow([t(r.bidderName), t(f.key), t(f.title), t(f.flags.map((x) => FLAG_TEXT[x]).join('; '))]);
  const m = wb.addWorksheet('Model');
  m.addRows([
    ['Underkriterium', t(input.model.subCriterion)],
    ['Skala', `${input.model.scaleMin}–${input.model.scaleMax}`],
    ['Metode', t(input.model.method)],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
