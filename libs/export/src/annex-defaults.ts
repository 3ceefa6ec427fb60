import type { AnnexFrontMatter, EvaluationModel, SnapshotItem, SpecificationSnapshot } from './snapshot.js';

/**
 * The Danish defaults of the evaluation model and the annex front matter. A procurer may keep
 * them or set each field; the renderers fill in only what is missing, so a snapshot without these
 * fields keeps its fingerprint.
 */
export const DEFAULT_EVALUATION: Readonly<EvaluationModel> = {
  subCriterion: 'Kvalitet',
  scaleMin: 0,
  scaleMax: 10,
  scaleMeaning: [
    { points: 10, meaning: 'Besvarelsen opfylder kravet i særdeles tilfredsstillende grad.' },
    { points: 8, meaning: 'Besvarelsen opfylder kravet i meget tilfredsstillende grad.' },
    { points: 6, meaning: 'Besvarelsen opfylder kravet i tilfredsstillende grad.' },
    { points: 4, meaning: 'Besvarelsen opfylder kravet i mindre tilfredsstillende grad.' },
    { points: 2, meaning: 'Besvarelsen opfylder kravet i utilfredsstillende grad.' },
    { points: 0, meaning: 'Kravet er ikke besvaret, eller besvarelsen opfylder det ikke.' },
  ],
  method:
    'Hvert evalueringskrav gives point på skalaen. Pointene ganges med kravets vægt, og summen af de vægtede point ' +
    'divideres med summen af vægtene. Resultatet er tilbuddets point for underkriteriet.',
};

/** Annex 3 is the customer's requirements specification in the state's standard IT contracts (K01, K02). */
export const DEFAULT_ANNEX: Readonly<AnnexFrontMatter> = {
  number: '3',
  title: 'Kravspecifikation',
  contractStatus:
    'Bilaget indgår i kontrakten. Leverandørens besvarelser bliver en del af kontrakten og er bindende for leverandøren. ' +
    'Ved uoverensstemmelse mellem kontrakten og bilaget går kontraktens bestemmelser forud.',
  reservationsClause:
    'Tilbudsgiver må ikke tage forbehold over for mindstekrav. Et forbehold over for et mindstekrav, herunder en besvarelse, ' +
    'der begrænser eller betinger opfyldelsen, medfører, at tilbuddet ikke er konditionsmæssigt og ikke kan tages i betragtning. ' +
    'Forbehold over for evalueringskrav kan føre til en lavere bedømmelse af kravet.',
  instruction:
    'Besvar bilaget i de kolonner, der er markeret til tilbudsgivers besvarelse. Kravteksterne må ikke ændres. ' +
    'Afsnit markeret som instruktion til tilbudsgiver fjernes ved kontraktindgåelse.',
};

/** The marking on instruction text that is removed when the contract is signed. */
export const INSTRUCTION_MARK = 'Instruktion til tilbudsgiver – fjernes ved kontraktindgåelse';

export interface AnnexSettings {
  evaluation: EvaluationModel;
  annex: AnnexFrontMatter;
}

/** The evaluation model and front matter with the defaults filled in where the specification sets nothing. */
export function withAnnexDefaults(snapshot: SpecificationSnapshot): AnnexSettings {
  const spec = snapshot.specification;
  const pick = <T extends object>(defaults: Readonly<T>, given: Partial<T> | undefined): T => {
    const out = { ...defaults };
    for (const [k, v] of Object.entries(given ?? {}))
      if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) (out as Record<string, unknown>)[k] = v;
    return out;
  };
  const evaluation = pick(DEFAULT_EVALUATION, spec.evaluation);
  return {
    evaluation: { ...evaluation, scaleMeaning: evaluation.scaleMeaning.map((m) => ({ ...m })) },
    annex: pick(DEFAULT_ANNEX, spec.annex),
  };
}

/** `Bilag 3: Kravspecifikation` */
export const annexLabel = (annex: AnnexFrontMatter): string => `Bilag ${annex.number}: ${annex.title}`;

/**
 * A verification that has the bidder do something in the bid other than confirm ("Tilbudsgiveren
 * vedlægger …", "Tilbudsgivers beskrivelse vurderes", "Tilbudsgiver oplister …"), or asks for
 * something enclosed. "Tilbudsgiveren bekræfter kravet" alone is a confirmation.
 */
const ASKS_FOR_DOCUMENTATION =
  /\btilbudsgiver\p{L}*\s+(?!bekræfter\b)\p{L}|\bvedlæg|\bbekræfter\s[^.]*\bog\s+(oplyser|beskriver|oplister|dokumenterer|redegør|angiver)\b/iu;

/**
 * How a bidder answers an MK: `describe` when the requirement's verification asks for
 * documentation in the bid (or the item says so), else `confirm` (Ja / Nej only). An EK is
 * always described.
 */
export function answerModeOf(item: SnapshotItem): 'confirm' | 'describe' {
  if (item.obligation === 'evaluated') return 'describe';
  if (item.answerMode) return item.answerMode;
  return ASKS_FOR_DOCUMENTATION.test(item.verification) ? 'describe' : 'confirm';
}

/** The sum of the weights the EKs carry. */
export function weightSum(items: readonly SnapshotItem[]): number {
  return items.filter((i) => i.obligation === 'evaluated').reduce((sum, i) => sum + (i.weight ?? 0), 0);
}
