import { Test } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { AnnexRenderer, DocumentAnnexRenderer } from './annex-renderer.js';
import { renderDocxAnnex } from './docx-annex.js';
import { ExportModule } from './export.module.js';
import { contentFingerprint } from './fingerprint.js';
import { makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';

describe('AnnexRenderer', () => {
  const renderer = new DocumentAnnexRenderer({ now: () => new Date('2027-01-15T09:00:00Z') });

  it.each([
    ['docx', 'tender', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['docx', 'buyer', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['csv', 'tender', 'text/csv; charset=utf-8'],
    ['csv', 'buyer', 'text/csv; charset=utf-8'],
    ['json', 'tender', 'application/json; charset=utf-8'],
    ['json', 'buyer', 'application/json; charset=utf-8'],
  ] as const)('renders %s (%s) with its content type, file name and the SHA-256 of the file', async (format, edition, contentType) => {
    const out = await renderer.render(makeSnapshot(), format, edition);
    expect(out.contentType).toBe(contentType);
    expect(out.fileName).toBe(`kravspecifikation-omsorgssystem-til-aeldre-og-sundhedsomraadet-rev3-${edition}.${format}`);
    expect(out.body.length).toBeGreaterThan(1000);
    expect(out.sha256).toBe(createHash('sha256').update(out.body).digest('hex'));
  });

  it('gives the content fingerprint it printed, computed once for the file and the caller', async () => {
    const snapshot = makeSnapshot();
    for (const edition of ['tender', 'buyer'] as const) {
      const json = await renderer.render(snapshot, 'json', edition);
      expect(json.fingerprint).toBe(contentFingerprint(snapshot, edition));
      expect(JSON.parse(json.body.toString('utf8')).contentFingerprint).toBe(json.fingerprint);
      const docx = await renderer.render(snapshot, 'docx', edition);
      expect(docx.fingerprint).toBe(json.fingerprint);
    }
    // The same bytes whether the renderer computes the fingerprint or is given it.
    const given = await renderDocxAnnex(snapshot, 'tender', { fingerprint: contentFingerprint(snapshot, 'tender') });
    expect(given.equals(await renderDocxAnnex(snapshot, 'tender'))).toBe(true);
  });

  it('uses its clock for drafts', async () => {
    const out = await renderer.render(makeSnapshot({ status: 'draft' }), 'json', 'tender');
    expect(JSON.parse(out.body.toString('utf8')).documentDate).toBe('2027-01-15T09:00:00.000Z');
  });

  it('is provided by ExportModule under its abstract class token', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ExportModule] }).compile();
    const provided = moduleRef.get(AnnexRenderer);
    expect(provided).toBeInstanceOf(DocumentAnnexRenderer);
    const out = await provided.render(makeSnapshot(), 'csv', 'tender');
    expect(out.fileName.endsWith('-tender.csv')).toBe(true);
    await moduleRef.close();
  });
});
