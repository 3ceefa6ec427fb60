import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Level, Obligation } from '../model.js';

/**
 * One published wording of a requirement. Rows are inserted once and never updated or
 * deleted: a database trigger refuses both.
 */
@Entity({ name: 'requirement_version' })
export class RequirementVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'requirement_key', type: 'text' })
  requirementKey: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  statement: string;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'text' })
  guidance: string;

  @Column({ type: 'text' })
  verification: string;

  @Column({ type: 'smallint' })
  level: Level;

  @Column({ type: 'text' })
  obligation: Obligation;

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  /** Where the version came from: the seed files or an approved change proposal. */
  @Column({ type: 'text' })
  origin: 'seed' | 'proposal';

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Column({ name: 'change_summary', type: 'text', nullable: true })
  changeSummary: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
