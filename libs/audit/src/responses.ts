import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@kravbank/common';
import type { AuditListEntry, AuditVerification } from './audit.js';

/* The shapes the audit routes answer with, for the OpenAPI document. */

@ApiSchema({ name: 'AuditEntry', description: 'One entry of the hash-chained audit trail.' })
export class AuditEntryDoc implements AuditListEntry {
  @ApiProperty({ type: 'integer', description: 'Gapless, in commit order.' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Username of the actor; null for the system.' }) actor: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the actor; null for the system.' }) actorName: string | null;
  @ApiProperty({ example: 'proposal.published' }) action: string;
  @ApiProperty({ example: 'change_proposal' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the state before.' }) beforeHash: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the state after.' }) afterHash: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

@ApiSchema({ name: 'AuditProblem' })
export class AuditProblemDoc {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty() problem: string;
}

@ApiSchema({ name: 'AuditVerification' })
export class AuditVerificationDoc implements AuditVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) entries: number;
  @ApiProperty({ description: 'The hash of the newest entry: keep it elsewhere to detect a removed tail later.' }) headHash: string;
  @ApiProperty({ type: 'integer' }) headSeq: number;
  @ApiProperty({ type: [AuditProblemDoc] }) problems: AuditProblemDoc[];
}

export const AuditEntryPage = PageOf(AuditEntryDoc);
