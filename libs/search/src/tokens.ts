/**
 * Words of a query or a synonym: letters and digits, kept together across inner hyphens
 * ("to-faktor", "nemlog-in", "sik-017") and across dots between digits ("2.1").
 */
const TOKEN = /[\p{L}\p{N}]+(?:(?:-|\.(?=\p{N}))[\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return [...text.normalize('NFC').toLowerCase().matchAll(TOKEN)].map((m) => m[0]);
}

/** The form two phrases are compared in: their tokens joined by single spaces. */
export const phraseKey = (text: string): string => tokenize(text).join(' ');
