import JSZip from 'jszip';
import { dosDateTime, setZipEntryDates } from './zip-dates.js';

describe('dosDateTime', () => {
  it('packs a UTC date into MS-DOS time and date fields (2-second resolution)', () => {
    const { time, date } = dosDateTime(new Date('2026-11-20T13:45:07Z'));
    expect(time).toBe((13 << 11) | (45 << 5) | 3);
    expect(date).toBe(((2026 - 1980) << 9) | (11 << 5) | 20);
  });

  it('refuses dates a zip file cannot hold', () => {
    expect(() => dosDateTime(new Date('1979-12-31T23:59:59Z'))).toThrow(RangeError);
  });
});

describe('setZipEntryDates', () => {
  it('sets every entry to one date, leaves the content intact and the file readable', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'æøå', { date: new Date('2001-02-03T04:05:06Z') });
    zip.file('mappe/b.xml', '<x/>'.repeat(1000), { date: new Date('2011-02-03T04:05:06Z') });
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', comment: 'kommentar' });
    setZipEntryDates(bytes, new Date('2026-11-20T13:45:00Z'));
    const back = await JSZip.loadAsync(bytes);
    expect(Object.keys(back.files)).toEqual(['a.txt', 'mappe/', 'mappe/b.xml']);
    for (const f of Object.values(back.files)) expect(f.date.toISOString()).toBe('2026-11-20T13:45:00.000Z');
    expect(await back.file('a.txt')!.async('string')).toBe('æøå');
    expect(await back.file('mappe/b.xml')!.async('string')).toBe('<x/>'.repeat(1000));
  });

  it('refuses what is not a zip file', () => {
    expect(() => setZipEntryDates(Buffer.alloc(100), new Date())).toThrow(/Not a zip file/);
  });
});
