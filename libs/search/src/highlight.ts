/**
 * Engines mark matches with two control characters that never occur in requirement texts;
 * the text is then HTML-escaped and the markers become `<mark>` … `</mark>`. So every
 * engine returns the same, safe highlight format.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escapes the text and turns the engine's markers into balanced `<mark>` elements. */
export function renderHighlight(marked: string): string {
  let open = false;
  let out = '';
  for (const part of marked.split(/([\u0002\u0003])/)) {
    if (part === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += escapeHtml(part.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
    }
  }
  return open ? `${out}</mark>` : out;
}

/** The start of a text, cut at a word boundary, for hits without a match to show (browsing). */
export function snippet(text: string, maxChars = 240): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
