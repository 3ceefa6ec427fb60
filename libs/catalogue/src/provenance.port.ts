/**
 * Why a published version exists: the proposal, who proposed and who published it,
 * and the committee's votes. The catalogue asks through this port; editorial answers.
 */
export interface VersionProvenanceView {
  proposal: { id: string; number: number; kind: string; changeType: string; motivation: string; triggeringLegalSource: string | null };
  proposer: { username: string; displayName: string; organisation: string };
  publishedBy: { username: string; displayName: string } | null;
  publishedAt: string | null;
  votes: Array<{ voter: string; displayName: string; organisation: string; decision: string; comment: string | null; at: string }>;
  approvers: string[];
}

export abstract class VersionProvenance {
  abstract forProposal(proposalId: string): Promise<VersionProvenanceView | null>;
}
