import { safeReturnTo } from './oidc-login.js';

describe('safeReturnTo', () => {
  it('keeps a page inside the web app', () => {
    expect(safeReturnTo('/specifikationer')).toBe('/specifikationer');
    expect(safeReturnTo('/soeg?q=logning&kategori=security')).toBe('/soeg?q=logning&kategori=security');
  });

  it('sends anything else to the front page: other sites, the API, odd characters', () => {
    for (const bad of [
      'https://ond.example/',
      '//ond.example',
      '/\\ond.example',
      'specifikationer',
      '/api/admin/users',
      '/a b',
      '/\u0000',
      42,
      undefined,
      ['/x'],
    ]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });
});
