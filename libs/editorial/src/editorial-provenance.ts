import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VersionProvenance, type VersionProvenanceView } from '@kravbank/catalogue';

/** Answers the catalogue's question "why does this version exist?" from the proposal behind it. */
@Injectable()
export class EditorialProvenance extends VersionProvenance {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async forProposal(proposalId: string): Promise<VersionProvenanceView | null> {
    const [p] = await this.db.query(
      `SELECT p.id, p.number, p.kind, p.change_type, p.motivation, p.triggering_legal_source_id, p.published_at,
              pu.username AS proposer, pu.display_name AS proposer_name, po.name AS proposer_org,
              pb.username AS publisher, pb.display_name AS publisher_name
         FROM change_proposal p
         JOIN app_user pu ON pu.id = p.proposer_id JOIN organisation po ON po.id = pu.organisation_id
         LEFT JOIN app_user pb ON pb.id = p.published_by
        WHERE p.id = $1`,
      [proposalId],
    );
    if (!p) return null;
    const votes: Array<{
      voter: string;
      display_name: string;
      organisation: string;
      decision: string;
      comment: string | null;
      created_at: Date;
    }> = await this.db.query(
      `SELECT u.username AS voter, u.display_name, o.name AS organisation, v.decision, v.comment, v.created_at
         FROM proposal_vote v JOIN app_user u ON u.id = v.voter_id JOIN organisation o ON o.id = u.organisation_id
        WHERE v.proposal_id = $1 AND v.cleared_at IS NULL ORDER BY v.created_at`,
      [proposalId],
    );
    return {
      proposal: {
        id: p.id,
        number: p.number,
        kind: p.kind,
        changeType: p.change_type,
        motivation: p.motivation,
        triggeringLegalSource: p.triggering_legal_source_id,
      },
      proposer: { username: p.proposer, displayName: p.proposer_name, organisation: p.proposer_org },
      publishedBy: p.publisher ? { username: p.publisher, displayName: p.publisher_name } : null,
      publishedAt: p.published_at ? new Date(p.published_at).toISOString() : null,
      votes: votes.map((v) => ({
        voter: v.voter,
        displayName: v.display_name,
        organisation: v.organisation,
        decision: v.decision,
        comment: v.comment,
        at: new Date(v.created_at).toISOString(),
      })),
      approvers: votes.filter((v) => v.decision === 'approve').map((v) => v.voter),
    };
  }
}
