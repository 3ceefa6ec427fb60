import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAudit, stateHash, type AuditInput } from '@kravbank/audit';
import { APP_CONFIG, conflict, invalid, notFound, type AppConfig, type Page } from '@kravbank/common';
import type { SpecificationSnapshot } from '@kravbank/export';
import type { Principal } from '@kravbank/identity';
import { SpecificationsService } from '@kravbank/specifications';
import { openOfficeArchive, type OfficeArchive } from './archive.js';
import type { CreateOfferDto } from './dto.js';
import { buildImportReport, type ReturnedFile } from './import-report.js';
import type { OfferDetailView, OfferView } from './model.js';
import { OfferStore } from './offer.store.js';
import { checkIdentity, docxAnnexOf, docxIdentity, returnedDocx, returnedXlsx } from './returned-file.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Offers one specification may receive. */
export const MAX_OFFERS = 100;

export interface UploadedOfferFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** An audit entry about an offer (or, for lists, about the specification). */
export function offerAudit(
  user: Principal,
  action: string,
  entityType: 'offer' | 'specification',
  entityId: string,
  data: object,
): AuditInput {
  return { actorId: user.id, action: `offer.${action}`, entityType, entityId, afterHash: stateHash(data), data: { ...data } };
}

/** The file name as the browser sent it: multer reads it as Latin-1; control characters go, and it is cut at 200 characters. */
function cleanFileName(name: string): string {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  const text = utf8.includes('\ufffd') ? name : utf8;
  return (
    text
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
      .trim()
      .slice(0, 200) || 'besvarelse'
  );
}

/**
 * Offers on a final specification: the bidder, the returned annex and its import report. The
 * specification is reached through the specifications service, so another organisation's is a
 * 404; offers are confidential, and every read of one is written to the audit trail.
 */
@Injectable()
export class OffersService {
  private readonly store: OfferStore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly specifications: SpecificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.store = new OfferStore(db.manager);
  }

  /** The caller's final specification and its snapshot (404 / 409 otherwise). */
  context(user: Principal, specificationId: string) {
    return this.specifications.finalSnapshot(user, specificationId);
  }

  async create(user: Principal, specificationId: string, dto: CreateOfferDto): Promise<OfferDetailView> {
    const { specification } = await this.context(user, specificationId);
    const id = await this.db.transaction(async (m) => {
      const store = this.store.within(m);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`offers:${specification.id}`]);
      if ((await store.count(specification.id)) >= MAX_OFFERS)
        throw conflict('too_many_offers', `En kravspecifikation kan højst have ${MAX_OFFERS} tilbud.`);
      const offerId = await store.insert({
        specificationId: specification.id,
        bidderName: dto.bidderName.trim(),
        cvr: dto.cvr,
        userId: user.id,
      });
      if (!offerId) throw conflict('offer_exists', `Der er allerede et tilbud fra CVR ${dto.cvr} på denne kravspecifikation.`);
      await appendAudit(m, [offerAudit(user, 'created', 'offer', offerId, { specificationId: specification.id, cvr: dto.cvr })]);
      return offerId;
    });
    return (await this.store.find(specification.id, id))!;
  }

  async list(user: Principal, specificationId: string, page: number, limit: number): Promise<Page<OfferView>> {
    const { specification } = await this.context(user, specificationId);
    return this.db.transaction(async (m) => {
      const { items, total } = await this.store.within(m).list(specification.id, page, limit);
      await appendAudit(m, [
        offerAudit(user, 'listed', 'specification', specification.id, { page, limit, offers: items.map((o) => o.id) }),
      ]);
      return { items, total, page, limit };
    });
  }

  async get(user: Principal, specificationId: string, offerId: string): Promise<OfferDetailView> {
    const { specification } = await this.context(user, specificationId);
    return this.db.transaction(async (m) => {
      const offer = await this.findIn(this.store.within(m), specification.id, offerId);
      await appendAudit(m, [offerAudit(user, 'read', 'offer', offer.id, { specificationId: specification.id })]);
      return offer;
    });
  }

  async remove(user: Principal, specificationId: string, offerId: string): Promise<void> {
    const { specification } = await this.context(user, specificationId);
    await this.db.transaction(async (m) => {
      const store = this.store.within(m);
      const locked = await this.lockIn(store, specification.id, offerId);
      if (locked.scoreCount > 0) throw conflict('offer_scored', 'Tilbuddet er bedømt og kan ikke slettes.');
      await store.delete(offerId);
      await appendAudit(m, [offerAudit(user, 'deleted', 'offer', offerId, { specificationId: specification.id })]);
    });
  }

  /**
   * Imports the bidder's returned annex: the archive is bounded and its type read from its
   * content, the file must be this revision's (fingerprint), and the report is built and stored
   * with the offer in one transaction. A refused file stores nothing.
   */
  async importFile(
    user: Principal,
    specificationId: string,
    offerId: string,
    file: UploadedOfferFile | undefined,
  ): Promise<OfferDetailView> {
    const { specification, snapshot } = await this.context(user, specificationId);
    if (!file?.buffer?.length) throw invalid('file', 'send the returned XLSX or DOCX as the multipart field "file"');
    await this.findIn(this.store, specification.id, offerId);
    const archive = await openOfficeArchive(file.buffer, this.config.offers);
    const returned = await this.read(file.buffer, archive, snapshot);
    const report = buildImportReport(snapshot, returned);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    await this.db.transaction(async (m) => {
      const store = this.store.within(m);
      const locked = await this.lockIn(store, specification.id, offerId);
      if (locked.scoreCount > 0)
        throw conflict('offer_scored', 'Tilbuddet er allerede bedømt: en ny besvarelse kan ikke indlæses oven på pointene.');
      await store.saveImport(offerId, {
        name: cleanFileName(file.originalname),
        format: archive.kind,
        sha256,
        size: file.size,
        userId: user.id,
        report,
      });
      await appendAudit(m, [
        {
          ...offerAudit(user, 'imported', 'offer', offerId, { specificationId: specification.id, sha256, summary: report.summary }),
          afterHash: stateHash(report),
        },
      ]);
    });
    return (await this.store.find(specification.id, offerId))!;
  }

  private async read(body: Buffer, archive: OfficeArchive, snapshot: SpecificationSnapshot): Promise<ReturnedFile> {
    if (archive.kind === 'xlsx') return returnedXlsx(body, archive, snapshot);
    const annex = docxAnnexOf(archive);
    return returnedDocx(archive, annex, snapshot, checkIdentity(snapshot, docxIdentity(annex)));
  }

  private async findIn(store: OfferStore, specificationId: string, offerId: string): Promise<OfferDetailView> {
    const offer = UUID.test(offerId) ? await store.find(specificationId, offerId) : null;
    if (!offer) throw notFound('offer', offerId);
    return offer;
  }

  private async lockIn(store: OfferStore, specificationId: string, offerId: string) {
    const locked = UUID.test(offerId) ? await store.lock(specificationId, offerId) : null;
    if (!locked) throw notFound('offer', offerId);
    return locked;
  }

  /** For the evaluation service: the store bound to a transaction. */
  storeWithin(m: EntityManager): OfferStore {
    return this.store.within(m);
  }
}
