import { diffWordsWithSpace } from 'diff';
// The .js suffix lets the test suite (Node's resolution) read this file as the browser build does.
import type { components } from '../../lib/api/schema.js';

type Schemas = components['schemas'];
type Content = Schemas['RequirementContent'];

type Field = Schemas['ContentField'];
const FIELDS: Field[] = ['title', 'statement', 'rationale', 'guidance', 'verification', 'level', 'obligation', 'tags', 'legalSources'];

/** The same text per field as the service diffs (libs/catalogue diff.ts), so a live diff reads as the published one will. */
function fieldText(c: Content, field: Field): string {
  switch (field) {
    case 'level':
      return String(c.level);
    case 'tags':
      return [...c.tags].sort().join(', ');
    case 'legalSources':
      return c.legalSources.map((s) => (s.section ? `${s.id} ${s.section}` : s.id)).join('; ');
    default:
      return c[field];
  }
}

/** Word-level diff of two contents, field by field, with the `diff` package the service uses. */
export function diffContent(from: Content, to: Content): Schemas['ContentDiff'] {
  const out = {} as Schemas['ContentDiff'];
  for (const field of FIELDS) {
    const a = fieldText(from, field);
    const b = fieldText(to, field);
    out[field] =
      a === b
        ? { changed: false, runs: a ? [{ op: 'equal', text: a }] : [] }
        : {
            changed: true,
            runs: diffWordsWithSpace(a, b).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value })),
          };
  }
  return out;
}

/** A version as content (the fields a proposal carries). */
export function contentOf(v: Schemas['VersionView']): Content {
  return {
    title: v.title,
    statement: v.statement,
    rationale: v.rationale,
    guidance: v.guidance,
    verification: v.verification,
    level: v.level,
    obligation: v.obligation,
    tags: v.tags,
    legalSources: v.legalSources.map((s) => (s.section ? { id: s.id, section: s.section } : { id: s.id })),
  };
}
