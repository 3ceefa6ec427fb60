import { diffWordsWithSpace } from 'diff';
import { CONTENT_FIELDS, type ContentField, type RequirementContent } from './model.js';

export interface DiffRun {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FieldDiff {
  changed: boolean;
  runs: DiffRun[];
}

export type ContentDiff = Record<ContentField, FieldDiff>;

/** Text for fields that are not text, so that every field diffs the same way. */
function fieldText(content: RequirementContent, field: ContentField): string {
  switch (field) {
    case 'level':
      return String(content.level);
    case 'tags':
      return [...content.tags].sort().join(', ');
    case 'legalSources':
      return content.legalSources.map((s) => (s.section ? `${s.id} ${s.section}` : s.id)).join('; ');
    default:
      return content[field];
  }
}

/** Word-level diff of two texts as runs of equal, inserted and deleted text (white space kept). */
export function wordDiff(from: string, to: string): DiffRun[] {
  return diffWordsWithSpace(from, to).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}

/** Word-level diff of two contents, field by field, as runs of equal, inserted and deleted text. */
export function diffContent(from: RequirementContent, to: RequirementContent): ContentDiff {
  const out = {} as ContentDiff;
  for (const field of CONTENT_FIELDS) {
    const a = fieldText(from, field);
    const b = fieldText(to, field);
    if (a === b) {
      out[field] = { changed: false, runs: a ? [{ op: 'equal', text: a }] : [] };
      continue;
    }
    out[field] = { changed: true, runs: wordDiff(a, b) };
  }
  return out;
}

export function changedFields(diff: ContentDiff): ContentField[] {
  return CONTENT_FIELDS.filter((f) => diff[f].changed);
}
