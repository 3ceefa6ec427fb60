import type ExcelJS from 'exceljs';
import { INSTRUCTION_MARK, annexLabel, type AnnexSettings } from './annex-defaults.js';
import { ANSWER_GUIDE_EK, ANSWER_GUIDE_GENERAL, ANSWER_GUIDE_MK, ANSWER_GUIDE_MK_DESCRIBE, evaluationLines } from './annex-texts.js';
import { BUYER_EDITION_WARNING, EDITION_NAMES, FINGERPRINT_LABEL, cleanText, danishDate } from './labels.js';
import type { ExportEdition, SpecificationSnapshot } from './snapshot.js';
import { spreadsheetText } from './spreadsheet-text.js';

type Line = string[];

function frontLines(
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  settings: AnnexSettings,
  fingerprint: string,
  date: Date,
): Line[] {
  const spec = snapshot.specification;
  return [
    ['Organisation', spec.organisation.name],
    ['Udbud', spec.procurementName],
    ['Kravspecifikation', spec.title],
    ['Sagsnummer', spec.caseNumber?.trim() || 'Ikke angivet'],
    ['Dato', danishDate(date)],
    ['Revision', String(spec.revision)],
    ['Status', spec.status === 'final' ? 'Endelig' : 'Udkast'],
    ['Udgave', EDITION_NAMES[edition]],
    ['Kravbankens version', snapshot.bank.stamp],
    [FINGERPRINT_LABEL, fingerprint],
    [],
    ['Bilagets status i kontrakten', settings.annex.contractStatus],
    ['Forbehold', settings.annex.reservationsClause],
  ];
}

function instructionLines(snapshot: SpecificationSnapshot, settings: AnnexSettings): Line[] {
  return [
    [INSTRUCTION_MARK],
    ['Instruktion', settings.annex.instruction],
    ['Mindstekrav (MK)', `${ANSWER_GUIDE_MK} ${ANSWER_GUIDE_MK_DESCRIBE}`],
    ['Evalueringskrav (EK)', ANSWER_GUIDE_EK],
    ...ANSWER_GUIDE_GENERAL.map((l): Line => ['', l]),
    ['Arket Kravmatrix', 'De gule felter udfyldes af tilbudsgiver; de øvrige felter er låst. Vælg Ja eller Nej i rullelisten.'],
    [],
    ['Evalueringsmodel'],
    ...evaluationLines(settings, snapshot.items).map(({ label, text }): Line => [label.replace(/:$/, ''), text]),
  ];
}

/** The guide sheet: front matter, the instruction marked as removed at contract signing, and the evaluation model. */
export async function writeGuideSheet(
  sheet: ExcelJS.Worksheet,
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  settings: AnnexSettings,
  fingerprint: string,
  date: Date,
): Promise<void> {
  const spec = snapshot.specification;
  sheet.columns = [{ width: 30 }, { width: 100 }];
  const marks = [
    spec.status === 'final' ? '' : 'UDKAST – kravspecifikationen er ikke endelig',
    edition === 'buyer' ? BUYER_EDITION_WARNING : '',
  ];
  const lines: Line[] = [
    [`${annexLabel(settings.annex)} – kravmatrix`],
    ...marks.filter(Boolean).map((m): Line => [m]),
    [],
    ...frontLines(snapshot, edition, settings, fingerprint, date),
    [],
    ...instructionLines(snapshot, settings),
  ];
  lines.forEach((line, i) => {
    const row = sheet.getRow(i + 1);
    row.values = line.map((t) => spreadsheetText(cleanText(t)));
    row.alignment = { wrapText: true, vertical: 'top' };
    // A heading spans both columns; every row is as tall as its text (Calc does not fit heights on load).
    if (line.length === 1) sheet.mergeCells(i + 1, 1, i + 1, 2);
    const chars = line.length === 1 ? [line[0].length / 130] : line.map((t, c) => t.length / (c === 0 ? 30 : 110));
    row.height = Math.max(line.length === 1 && i === 0 ? 20 : 15, Math.ceil(Math.max(0, ...chars)) * 15 + 2);
    if (line.length === 1 && line[0])
      row.font = {
        bold: true,
        size: i === 0 ? 14 : 12,
        color: { argb: marks.includes(line[0]) || line[0] === INSTRUCTION_MARK ? 'FFC00000' : 'FF1F3864' },
      };
    else row.getCell(1).font = { bold: true };
  });
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  sheet.headerFooter = { oddHeader: spec.status === 'final' ? '' : '&C&"-,Bold"UDKAST', oddFooter: '&CSide &P af &N' };
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}
