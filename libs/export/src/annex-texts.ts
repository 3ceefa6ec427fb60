import { weightSum, type AnnexSettings } from './annex-defaults.js';
import { formatNumber } from './labels.js';
import type { SnapshotItem } from './snapshot.js';

/**
 * The reading guide's words on how the requirements are answered and evaluated, shared by the
 * DOCX annex and the XLSX kravmatrix so the two say the same.
 */
export const ANSWER_GUIDE_MK =
  'Mindstekrav (MK) besvares ved at bekræfte dem: angiv »Ja« i kolonnen Opfyldt. Et »Nej« betyder, at den tilbudte ' +
  'løsning ikke opfylder mindstekravet; tilbuddet er da ikke konditionsmæssigt og kan ikke tages i betragtning.';

export const ANSWER_GUIDE_MK_DESCRIBE =
  'Et mindstekrav beskrives kun, hvor kravet beder om dokumentation (der er da felter til beskrivelse og bilagshenvisning). ' +
  'Beskrivelsen må ikke begrænse eller betinge opfyldelsen; gør den det, kan den blive betragtet som et forbehold.';

export const ANSWER_GUIDE_EK =
  'Evalueringskrav (EK) besvares med en beskrivelse af, hvordan og hvor godt den tilbudte løsning opfylder kravet. ' +
  'Henvis i kolonnen Bilagshenvisning til dokumentation andetsteds i tilbuddet (bilag og side). ' +
  'Besvarelsen bedømmes efter evalueringsmodellen.';

export const ANSWER_GUIDE_GENERAL = [
  'Besvar alle krav. Et mindstekrav uden bekræftelse kan blive betragtet som ikke opfyldt.',
  'Gør besvarelsen forståelig i sig selv; en henvisning til dokumentation erstatter den ikke.',
  'Kravteksterne må ikke ændres.',
];

/** The evaluation model as lines of text: sub-criterion, scale, what the points mean, method and the sum of the weights. */
export function evaluationLines(settings: AnnexSettings, items: readonly SnapshotItem[]): { label: string; text: string }[] {
  const e = settings.evaluation;
  const evaluated = items.filter((i) => i.obligation === 'evaluated');
  const unweighted = evaluated.filter((i) => i.weight === null).length;
  return [
    { label: 'Underkriterium:', text: `Evalueringskravene indgår i underkriteriet »${e.subCriterion}«.` },
    { label: 'Pointskala:', text: `${formatNumber(e.scaleMin)}–${formatNumber(e.scaleMax)} point.` },
    ...e.scaleMeaning.map((m) => ({ label: `${formatNumber(m.points)} point:`, text: m.meaning })),
    { label: 'Beregning:', text: e.method },
    {
      label: 'Summen af vægtene:',
      text:
        `${formatNumber(weightSum(items))} (${evaluated.length} evalueringskrav` +
        (unweighted ? `, heraf ${unweighted} uden vægt` : '') +
        ').',
    },
  ];
}
