import { Injectable, Optional } from '@nestjs/common';
import { DomainError, notFound, type Page } from '@kravbank/common';
import { CatalogueRepository } from './catalogue.repository.js';
import { VersionProvenance, type VersionProvenanceView } from './provenance.port.js';
import { changedFields, diffContent, type ContentDiff } from './diff.js';
import type { DiffQueryDto, RequirementListQueryDto } from './dto.js';
import { contentOf } from './content.js';
import type {
  CategoryView,
  LegalSourceView,
  ProfileSummary,
  ProfileView,
  RequirementListItem,
  RequirementView,
  VersionView,
} from './views.js';

export interface VersionDiffView {
  key: string;
  from: number;
  to: number;
  changed: string[];
  fields: ContentDiff;
}

/** Keys are written in upper case; a lower-case key in a URL means the same requirement. */
export const normaliseKey = (key: string): string => key.trim().toUpperCase();

@Injectable()
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    @Optional() private readonly provenance?: VersionProvenance,
  ) {}

  listRequirements(q: RequirementListQueryDto): Promise<Page<RequirementListItem>> {
    return this.repo.listRequirements(q);
  }

  async getRequirement(rawKey: string): Promise<RequirementView> {
    const key = normaliseKey(rawKey);
    const head = await this.repo.findRequirementHead(key);
    if (!head) throw notFound('requirement', key);
    const [current, versions] = await Promise.all([this.repo.findVersion(key, head.currentVersion), this.repo.listVersionSummaries(key)]);
    return { ...head, current: current!, versions };
  }

  async listVersions(rawKey: string, page: number, limit: number): Promise<Page<VersionView>> {
    const key = normaliseKey(rawKey);
    if (!(await this.repo.findRequirementHead(key))) throw notFound('requirement', key);
    return this.repo.listVersions(key, page, limit);
  }

  /** One version and, when it came from a change proposal, why it exists. */
  async getVersionWithProvenance(rawKey: string, n: number): Promise<VersionView & { provenance: VersionProvenanceView | null }> {
    const version = await this.getVersion(rawKey, n);
    const provenance = version.proposalId && this.provenance ? await this.provenance.forProposal(version.proposalId) : null;
    return { ...version, provenance };
  }

  async getVersion(rawKey: string, n: number): Promise<VersionView> {
    const key = normaliseKey(rawKey);
    const version = await this.repo.findVersion(key, n);
    if (version) return version;
    if (!(await this.repo.findRequirementHead(key))) throw notFound('requirement', key);
    throw new DomainError('not_found', 'version_not_found', `Requirement ${key} has no version ${n}.`);
  }

  async diff(rawKey: string, q: DiffQueryDto): Promise<VersionDiffView> {
    const key = normaliseKey(rawKey);
    const head = await this.repo.findRequirementHead(key);
    if (!head) throw notFound('requirement', key);
    const to = q.to ?? head.currentVersion;
    const from = q.from ?? Math.max(1, to - 1);
    if (from > to) {
      throw new DomainError('invalid', 'validation_failed', `'from' (${from}) must not be after 'to' (${to}).`, [
        { field: 'from', reason: `must be at most to (${to})` },
      ]);
    }
    const [a, b] = await Promise.all([this.getVersion(key, from), this.getVersion(key, to)]);
    const fields = diffContent(contentOf(a), contentOf(b));
    return {
      key,
      from,
      to,
      changed: changedFields(fields),
      fields,
    };
  }

  listLegalSources(page: number, limit: number): Promise<Page<LegalSourceView>> {
    return this.repo.listLegalSources(page, limit);
  }

  async getLegalSource(id: string): Promise<LegalSourceView> {
    const source = await this.repo.findLegalSource(id);
    if (!source) throw notFound('legal_source', id);
    return source;
  }

  /** Traceability: the requirements whose current version cites the legal source. */
  async requirementsCiting(id: string, page: number, limit: number): Promise<Page<RequirementListItem>> {
    await this.getLegalSource(id);
    return this.repo.listRequirements({ legalSource: id, page, limit });
  }

  categories(): Promise<CategoryView[]> {
    return this.repo.countCategories();
  }

  listProfiles(page: number, limit: number): Promise<Page<ProfileSummary>> {
    return this.repo.listProfiles(page, limit);
  }

  async getProfile(id: string): Promise<ProfileView> {
    const profile = await this.repo.findProfile(id);
    if (!profile) throw notFound('profile', id);
    return profile;
  }
}
