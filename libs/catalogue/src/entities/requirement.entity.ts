import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Category, Level, RequirementStatus } from '../model.js';

@Entity({ name: 'requirement' })
export class RequirementEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  category: Category;

  /** The number part of the key, for natural ordering (SIK-2 before SIK-10). */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: 'active' })
  status: RequirementStatus;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  /** The current version's tags, kept here for filtering. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The current version's level, kept here for filtering. */
  @Column({ type: 'smallint' })
  level: Level;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
