import {
  AlignmentType,
  BorderStyle,
  type FileChild,
  HeadingLevel,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { INSTRUCTION_MARK, annexLabel, type AnnexSettings } from './annex-defaults.js';
import type { AnnexGroup } from './annex-model.js';
import { ANSWER_GUIDE_EK, ANSWER_GUIDE_GENERAL, ANSWER_GUIDE_MK, ANSWER_GUIDE_MK_DESCRIBE, evaluationLines } from './annex-texts.js';
import {
  ACCENT,
  DARK,
  GREY,
  MONO,
  NO_BORDERS,
  PORTRAIT_WIDTH,
  RED,
  cell,
  grid,
  headerRow,
  lines,
  para,
  run,
  tableText,
  thin,
  type Outline,
} from './docx-parts.js';
import { BUYER_EDITION_WARNING, EDITION_NAMES, FINGERPRINT_LABEL, danishDate } from './labels.js';
import type { ExportEdition, SnapshotItem, SpecificationSnapshot } from './snapshot.js';

const COVER_COLUMNS = [3000, PORTRAIT_WIDTH - 3000];
const SUMMARY_COLUMNS = [
  { title: 'Kategori', width: 3838 },
  { title: 'Mindstekrav (MK)', width: 2200 },
  { title: 'Evalueringskrav (EK)', width: 2400 },
  { title: 'I alt', width: 1200 },
] as const;

export interface FrontContext {
  snapshot: SpecificationSnapshot;
  edition: ExportEdition;
  settings: AnnexSettings;
  date: Date;
  fingerprint: string;
}

/** The cover's table of facts: organisation, procurement, dates, status, edition, bank version and fingerprint. */
function coverFacts({ snapshot, edition, date, fingerprint }: FrontContext): Table {
  const spec = snapshot.specification;
  const facts: Array<[string, Paragraph]> = [
    ['Organisation', tableText([run(spec.organisation.name)])],
    ['Udbud', tableText([run(spec.procurementName)])],
    ['Sagsnummer', tableText([run(spec.caseNumber?.trim() || 'Ikke angivet')])],
    ['Dato', tableText([run(danishDate(date))])],
    ['Revision', tableText([run(String(spec.revision))])],
    ['Status', tableText([run(spec.status === 'final' ? 'Endelig' : 'Udkast')])],
    ['Udgave', tableText([run(EDITION_NAMES[edition])])],
    ['Kravbankens version', tableText([run(snapshot.bank.stamp)])],
    [FINGERPRINT_LABEL, tableText([run(fingerprint, { font: MONO, size: 15 })])],
  ];
  // The fingerprint's label breaks before "(SHA-256)", so no line ends inside "SHA-256".
  const labelRuns = (label: string) =>
    label === FINGERPRINT_LABEL
      ? [
          run(label.replace('(SHA-256)', ''), { bold: true, color: GREY }),
          new TextRun({ text: '(SHA-256)', break: 1, bold: true, color: GREY }),
        ]
      : [run(label, { bold: true, color: GREY })];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: COVER_COLUMNS,
    layout: TableLayoutType.FIXED,
    borders: { ...NO_BORDERS, insideHorizontal: thin, top: thin, bottom: thin },
    margins: { top: 85, bottom: 85, left: 0, right: 85, marginUnitType: WidthType.DXA },
    rows: facts.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [cell([tableText(labelRuns(label))], COVER_COLUMNS[0]), cell([value], COVER_COLUMNS[1])],
        }),
    ),
  });
}

/** The red warnings on the cover: the buyer edition's, and a draft's. */
function coverWarnings(edition: ExportEdition, final: boolean): Paragraph[] {
  const warnings: Paragraph[] = [];
  if (edition === 'buyer') {
    warnings.push(
      para([run(BUYER_EDITION_WARNING, { bold: true, size: 26, color: RED })], {
        border: {
          top: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 },
          bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 },
        },
        spacing: { before: 240, after: 240 },
      }),
    );
  }
  if (!final)
    warnings.push(
      para([run('Udkast – kravspecifikationen er ikke endelig og kan ændre sig.', { bold: true, size: 24, color: RED })], {
        spacing: { after: 240 },
      }),
    );
  return warnings;
}

export function cover(context: FrontContext): FileChild[] {
  const { snapshot, edition, settings } = context;
  const spec = snapshot.specification;
  return [
    para([run(`Udbudsbilag · ${annexLabel(settings.annex)}`, { size: 24, color: ACCENT, allCaps: true, bold: true })], {
      spacing: { before: 2000, after: 120 },
    }),
    para([run(spec.title)], { heading: HeadingLevel.TITLE }),
    para([run(spec.procurementName, { size: 30, color: GREY })], { spacing: { after: 480 } }),
    ...coverWarnings(edition, spec.status === 'final'),
    coverFacts(context),
    para(
      [
        run(
          'Fingeraftrykket er beregnet over det indhold, bilaget er dannet af: kravspecifikationen, de fastlåste kravversioner og udgaven. ' +
            'Det er det samme for alle eksemplarer af samme revision og udgave og ændrer sig, hvis indholdet ændres.',
          { size: 16, color: GREY, italics: true },
        ),
      ],
      { spacing: { before: 120 } },
    ),
  ];
}

const lead = (text: string) => para([run(text, { bold: true, color: DARK })], { spacing: { before: 200, after: 80 }, keepNext: true });
const body = (text: string, style?: string) => para([run(text)], style ? { style } : {});
const bullet = (text: string, style?: string) =>
  para([run(text)], { bullet: { level: 0 }, spacing: { after: 80 }, ...(style ? { style } : {}) });

/** The annex's place in the contract and the reservations clause: they stay in the contract. */
function frontMatter({ snapshot, settings }: FrontContext): FileChild[] {
  const spec = snapshot.specification;
  const out: FileChild[] = [
    lead(`Om bilaget (${annexLabel(settings.annex)})`),
    body(
      `Dette bilag indeholder de krav, som ${spec.organisation.name} stiller i udbuddet »${spec.procurementName}«. ` +
        'Kravene er hentet fra den fælleskommunale kravbank og suppleret med kommunens egne krav, hvor det er angivet.',
    ),
  ];
  if (spec.description?.trim()) out.push(lead('Om udbuddet'), ...lines(spec.description).map((l) => body(l)));
  out.push(
    lead('Bilagets status i kontrakten'),
    ...lines(settings.annex.contractStatus).map((l) => body(l)),
    lead('Forbehold'),
    ...lines(settings.annex.reservationsClause).map((l) => body(l)),
  );
  return out;
}

/** How to answer, marked as instruction that is removed when the contract is signed. */
function instruction({ settings }: FrontContext): FileChild[] {
  const style = 'Instruktion';
  return [
    para([run(INSTRUCTION_MARK, { bold: true, color: RED })], { style, keepNext: true, spacing: { before: 200, after: 80 } }),
    ...lines(settings.annex.instruction).map((l) => body(l, style)),
    para([run('Mindstekrav (MK)', { bold: true, color: DARK })], { style, keepNext: true }),
    body(ANSWER_GUIDE_MK, style),
    body(`${ANSWER_GUIDE_MK_DESCRIBE} Kolonnen Opfyldt har kun Ja og Nej: et mindstekrav kan ikke være delvist opfyldt.`, style),
    para([run('Evalueringskrav (EK)', { bold: true, color: DARK })], { style, keepNext: true }),
    body(ANSWER_GUIDE_EK, style),
    ...ANSWER_GUIDE_GENERAL.map((l) => bullet(l, style)),
    body('Markér Ja eller Nej ved at erstatte ☐ med ☒ eller X.', style),
    para([run(`Slut på instruktionen – ${INSTRUCTION_MARK.split(' – ')[1]}`, { italics: true, color: RED, size: 17 })], { style }),
  ];
}

/** The evaluation model: sub-criterion, points scale and what the points mean, method and the sum of the weights. */
export function evaluationModel(context: FrontContext, outline: Outline): FileChild[] {
  return [
    outline.heading('Evalueringsmodel', 1),
    ...evaluationLines(context.settings, context.snapshot.items).map(({ label, text }) =>
      para([run(`${label} `, { bold: true }), run(text)], { spacing: { after: 60 } }),
    ),
  ];
}

export function readingGuide(context: FrontContext, groups: AnnexGroup[], outline: Outline): FileChild[] {
  const out: FileChild[] = [
    outline.heading('Læsevejledning for tilbudsgiver', 1, { pageBreakBefore: true }),
    ...frontMatter(context),
    ...instruction(context),
    lead('Kravnumre, bemærkninger og retskilder'),
    body(
      'Kravnr. angiver kravets nummer og version i kravbanken, fx »SIK-014 v3«. Krav markeret »(lokalt krav)« er formuleret af kommunen.',
    ),
    body('Tekst markeret »Kommunens bemærkning:« er kommunens præcisering af kravet og skal læses sammen med kravteksten.'),
    body('Retskilder angives kort i kravet, fx »[R2 art. 32]«; nummeret henviser til bilaget »Retskilder« bagest i dokumentet.'),
  ];
  if (context.edition === 'buyer')
    out.push(
      lead('Købers udgave'),
      body(
        'Denne udgave er til kommunens eget brug. Under hvert krav står kravbankens begrundelse, vejledning og verifikation. Brug udbudsudgaven i udbudsmaterialet.',
      ),
    );
  out.push(lead('Overblik'), summaryTable(groups), ...evaluationModel(context, outline));
  return out;
}

function summaryTable(groups: AnnexGroup[]): Table {
  const row = (label: string, items: SnapshotItem[], bold = false) => {
    const mk = items.filter((i) => i.obligation === 'minimum').length;
    const values = [label, String(mk), String(items.length - mk), String(items.length)];
    return new TableRow({
      cantSplit: true,
      children: SUMMARY_COLUMNS.map((c, i) =>
        cell([tableText([run(values[i], { bold })], { alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT })], c.width),
      ),
    });
  };
  const groupItemsOf = (g: AnnexGroup) => g.sections.flatMap((s) => s.items);
  return grid(SUMMARY_COLUMNS, [
    headerRow(SUMMARY_COLUMNS),
    ...groups.map((g) => row(g.title, groupItemsOf(g))),
    row('I alt', groups.flatMap(groupItemsOf), true),
  ]);
}
