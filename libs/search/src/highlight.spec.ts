import { MARK_END, MARK_START, renderHighlight, snippet } from './highlight.js';

describe('highlights', () => {
  it('escapes the text and turns markers into <mark> elements', () => {
    expect(renderHighlight(`${MARK_START}Logning${MARK_END} af <script>alert("x")</script> & 'y'`)).toBe(
      '<mark>Logning</mark> af &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('keeps the markup balanced whatever the markers say', () => {
    expect(renderHighlight(`a${MARK_START}b`)).toBe('a<mark>b</mark>');
    expect(renderHighlight(`a${MARK_END}b${MARK_START}${MARK_START}c${MARK_END}${MARK_END}`)).toBe('ab<mark>c</mark>');
    expect(renderHighlight('a\u0001b\u0007c')).toBe('abc');
  });

  it('cuts long texts at a word boundary', () => {
    const text = 'ord '.repeat(100).trim();
    const s = snippet(text, 50);
    expect(s.length).toBeLessThanOrEqual(52);
    expect(s.endsWith(' …')).toBe(true);
    expect(s).not.toMatch(/or …$/);
    expect(snippet('kort', 50)).toBe('kort');
  });
});
