import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { LegalSourceKind } from '../model.js';

@Entity({ name: 'legal_source' })
export class LegalSourceEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: LegalSourceKind;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text' })
  version: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
