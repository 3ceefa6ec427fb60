import type { ChangeType, ProposalKind, ProposalState, VoteDecision } from './api';

export const STATE_LABEL: Record<ProposalState, string> = {
  draft: 'Kladde',
  submitted: 'Indsendt',
  in_review: 'Til afstemning',
  approved: 'Godkendt',
  rejected: 'Afvist',
  withdrawn: 'Trukket tilbage',
  published: 'Offentliggjort',
};

export const STATE_BADGE: Record<ProposalState, string> = {
  draft: 'badge-info',
  submitted: 'badge-info',
  in_review: 'badge-warning',
  approved: 'badge-success',
  rejected: 'badge-error',
  withdrawn: 'badge-info',
  published: 'badge-success',
};

export const KIND_LABEL: Record<ProposalKind, string> = { create: 'Nyt krav', amend: 'Ændring', retire: 'Udfasning' };

export const CHANGE_TYPE_LABEL: Record<ChangeType, string> = {
  legal: 'Lovvedligehold',
  technical: 'Teknisk vedligehold',
  needs: 'Behovsændring',
  development: 'Videreudvikling',
};

export const CHANGE_TYPE_HINT: Record<ChangeType, string> = {
  legal: 'En lov, bekendtgørelse eller standard er ændret.',
  technical: 'Sproglig eller teknisk præcisering uden ny betydning.',
  needs: 'Kommunernes behov har ændret sig.',
  development: 'Kravbanken udvides eller forbedres.',
};

export const DECISION_LABEL: Record<VoteDecision, string> = { approve: 'Godkend', reject: 'Afvis', abstain: 'Undlad at stemme' };
export const DECISION_DONE: Record<VoteDecision, string> = { approve: 'godkendt', reject: 'afvist', abstain: 'undlod at stemme' };

export const EVENT_LABEL: Record<string, string> = {
  created: 'Oprettet',
  submitted: 'Indsendt til kravredaktionen',
  revised: 'Ny revision',
  sent_to_review: 'Sendt til afstemning i faggruppen',
  voted: 'Stemme afgivet',
  rejected: 'Afvist',
  withdrawn: 'Trukket tilbage',
  rebased: 'Flyttet til nyeste version',
  published: 'Offentliggjort',
  commented: 'Kommentar i høringen',
};

export const proposalTitle = (p: {
  number: number;
  kind: ProposalKind;
  requirementKey: string | null;
  content: { title: string } | null;
}) =>
  `Forslag nr. ${p.number}: ${KIND_LABEL[p.kind]}${p.requirementKey ? ` af ${p.requirementKey}` : ''}${p.content ? ` – ${p.content.title}` : ''}`;
