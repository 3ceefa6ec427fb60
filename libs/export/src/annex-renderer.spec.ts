import { Test } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { AnnexRenderer, DocumentAnnexRenderer } from './annex-renderer.js';
import { ExportModule } from './export.module.js';
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
