import { invalid } from '@kravbank/common';
import { DEFAULT_ANNEX, DEFAULT_EVALUATION, type AnnexFrontMatter, type EvaluationModel } from '@kravbank/export';
import type { AnnexSettingsDto, EvaluationSettingsDto } from './dto.js';

/**
 * The annex settings of a specification, as pure functions: the stored objects hold only the
 * fields the procurer set; an edit sets the given fields and puts a `null` one back to its
 * default; the view fills in the defaults and names the fields that are defaults.
 */

type Patch = Record<string, unknown>;

/** The stored object after an edit: undefined = unchanged, null = every field the default. */
export function mergeSettings<T extends object>(stored: Partial<T> | null, patch: Patch | null | undefined): Partial<T> | null | undefined {
  if (patch === undefined) return undefined;
  if (patch === null) return null;
  const merged: Patch = { ...(stored ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(merged).length ? (merged as Partial<T>) : null;
}

/** The evaluation model's scale must make sense with the defaults filled in; refusals name the field. */
export function checkEvaluation(evaluation: Partial<EvaluationModel> | null): void {
  const e = { ...DEFAULT_EVALUATION, ...(evaluation ?? {}) };
  if (e.scaleMin >= e.scaleMax)
    throw invalid(
      evaluation?.scaleMax !== undefined ? 'evaluation.scaleMax' : 'evaluation.scaleMin',
      `the scale must run from a lower to a higher number (it would be ${e.scaleMin} to ${e.scaleMax})`,
    );
  const seen = new Set<number>();
  e.scaleMeaning.forEach((m, i) => {
    if (m.points < e.scaleMin || m.points > e.scaleMax)
      throw invalid(`evaluation.scaleMeaning.${i}.points`, `must lie on the scale ${e.scaleMin} to ${e.scaleMax}`);
    if (seen.has(m.points)) throw invalid(`evaluation.scaleMeaning.${i}.points`, `${m.points} points is described twice`);
    seen.add(m.points);
  });
}

/** The new stored objects for an edit (undefined where the edit leaves them), checked. */
export function settingsChange(
  stored: { evaluation: Partial<EvaluationModel> | null; annex: Partial<AnnexFrontMatter> | null },
  dto: { evaluation?: EvaluationSettingsDto | null; annex?: AnnexSettingsDto | null },
): { evaluation?: Partial<EvaluationModel> | null; annex?: Partial<AnnexFrontMatter> | null } {
  const out: { evaluation?: Partial<EvaluationModel> | null; annex?: Partial<AnnexFrontMatter> | null } = {};
  const evaluation = mergeSettings<EvaluationModel>(stored.evaluation, dto.evaluation as Patch | null | undefined);
  if (evaluation !== undefined) {
    // Checked in the order sent, so a refusal names the entry of the request; stored from the highest points down.
    checkEvaluation(evaluation);
    if (evaluation?.scaleMeaning)
      evaluation.scaleMeaning = evaluation.scaleMeaning
        .map((m) => ({ points: m.points, meaning: m.meaning.trim() }))
        .sort((a, b) => b.points - a.points);
    out.evaluation = evaluation;
  }
  const annex = mergeSettings<AnnexFrontMatter>(stored.annex, dto.annex as Patch | null | undefined);
  if (annex !== undefined) out.annex = annex;
  return out;
}

/** The settings as the view shows them: defaults filled in, and which fields are defaults. */
export function settingsView(
  evaluation: Partial<EvaluationModel> | null,
  annex: Partial<AnnexFrontMatter> | null,
): { evaluation: EvaluationModel; annex: AnnexFrontMatter; defaultFields: string[] } {
  const defaultFields = [
    ...Object.keys(DEFAULT_EVALUATION)
      .filter((k) => evaluation?.[k as keyof EvaluationModel] === undefined)
      .map((k) => `evaluation.${k}`),
    ...Object.keys(DEFAULT_ANNEX)
      .filter((k) => annex?.[k as keyof AnnexFrontMatter] === undefined)
      .map((k) => `annex.${k}`),
  ];
  const filled = { ...DEFAULT_EVALUATION, ...(evaluation ?? {}) };
  return {
    evaluation: { ...filled, scaleMeaning: filled.scaleMeaning.map((m) => ({ ...m })) },
    annex: { ...DEFAULT_ANNEX, ...(annex ?? {}) },
    defaultFields,
  };
}

/** Only the fields the procurer set, for the snapshot (fields not set stay out of the fingerprint). */
export function setFieldsOf<T extends object>(value: T, defaultFields: string[], prefix: string): Partial<T> | undefined {
  const set = Object.entries(value).filter(([k]) => !defaultFields.includes(`${prefix}.${k}`));
  return set.length ? (Object.fromEntries(set) as Partial<T>) : undefined;
}
