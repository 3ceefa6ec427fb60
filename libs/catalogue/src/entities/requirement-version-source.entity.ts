import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A legal source cited by a version, in the order the version lists them. Immutable like the version. */
@Entity({ name: 'requirement_version_source' })
export class RequirementVersionSourceEntity {
  @PrimaryColumn({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ name: 'legal_source_id', type: 'text' })
  legalSourceId: string;

  @Column({ type: 'text', nullable: true })
  section: string | null;
}
