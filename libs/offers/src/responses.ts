import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@kravbank/common';
import { DiffRunDoc, ObligationProperty, type DiffRun, type Obligation } from '@kravbank/catalogue';
import type {
  Conformity,
  Finding,
  ImportReport,
  ImportSummary,
  OfferDetailView,
  OfferFileView,
  OfferView,
  ReportRow,
  RowFlag,
  TextChange,
} from './model.js';
import type { ConsensusView, EvaluatorScoreView, ScoreCellView, ScoringMatrixView } from './scoring-views.js';

/*
 * The shapes the offer and scoring routes answer with, for the OpenAPI document. Each class
 * implements the interface the service returns, so a field added there and forgotten here fails the build.
 */

const ConformityProperty = {
  enum: ['conforming', 'possibly_non_conforming'],
  enumName: 'Conformity',
  description: 'possibly_non_conforming: an MK was answered Nej, left blank, answered otherwise, changed or left out',
} as const;
const FormatProperty = { enum: ['xlsx', 'docx'], enumName: 'OfferFileFormat' } as const;

@ApiSchema({ name: 'ImportSummary' })
export class ImportSummaryDoc implements ImportSummary {
  @ApiProperty({ type: 'integer' }) requirements: number;
  @ApiProperty({ type: 'integer' }) minimum: number;
  @ApiProperty({ type: 'integer' }) evaluated: number;
  @ApiProperty({ type: 'integer', description: 'MKs answered Ja' }) mkYes: number;
  @ApiProperty({ type: 'integer' }) mkNo: number;
  @ApiProperty({ type: 'integer' }) mkBlank: number;
  @ApiProperty({ type: 'integer' }) mkInvalid: number;
  @ApiProperty({ type: 'integer', description: 'Rows whose requirement text, key, version or type was changed' }) reservations: number;
  @ApiProperty({ type: 'integer' }) missing: number;
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: 'integer' }) findings: number;
}

@ApiSchema({ name: 'OfferFile' })
export class OfferFileDoc implements OfferFileView {
  @ApiProperty() name: string;
  @ApiProperty(FormatProperty) format: 'xlsx' | 'docx';
  @ApiProperty() sha256: string;
  @ApiProperty({ type: 'integer' }) size: number;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
  @ApiProperty({ description: 'Username.' }) importedBy: string;
}

@ApiSchema({ name: 'OfferView' })
export class OfferViewDoc implements OfferView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) specificationId: string;
  @ApiProperty() bidderName: string;
  @ApiProperty({ example: '12345678' }) cvr: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Username.' }) createdBy: string;
  @ApiProperty({ type: OfferFileDoc, nullable: true }) file: OfferFileView | null;
  @ApiProperty({ ...ConformityProperty, nullable: true }) conformity: Conformity | null;
  @ApiProperty({ type: ImportSummaryDoc, nullable: true }) summary: ImportSummary | null;
  @ApiProperty({ type: 'integer' }) scoreCount: number;
}

@ApiSchema({ name: 'TextChange', description: 'A requirement text as exported and as returned, with the word diff' })
export class TextChangeDoc implements TextChange {
  @ApiProperty() column: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [DiffRunDoc] }) diff: DiffRun[];
}

@ApiSchema({ name: 'ImportReportRow' })
export class ReportRowDoc implements ReportRow {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() key: string;
  @ApiProperty({ type: 'integer', nullable: true }) version: number | null;
  @ApiProperty(ObligationProperty) obligation: Obligation;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'number', nullable: true }) weight: number | null;
  @ApiProperty({ enum: ['Ja', 'Nej'], enumName: 'Fulfilled', nullable: true }) fulfilled: 'Ja' | 'Nej' | null;
  @ApiProperty({ type: String, nullable: true }) fulfilledText: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) attachment: string | null;
  @ApiProperty({ enum: ['mk_no', 'mk_blank', 'mk_invalid', 'reservation', 'missing'], enumName: 'RowFlag', isArray: true })
  flags: RowFlag[];
  @ApiProperty({ type: [TextChangeDoc] }) changes: TextChange[];
}

@ApiSchema({ name: 'ImportFinding', description: 'Found in the file and reported; never run or followed' })
export class FindingDoc implements Finding {
  @ApiProperty({ enum: ['formula', 'hyperlink', 'external_link', 'field'], enumName: 'FindingKind' }) kind: Finding['kind'];
  @ApiProperty() location: string;
  @ApiProperty() text: string;
}

@ApiSchema({ name: 'AddedRow' })
export class AddedRowDoc {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() text: string;
}

@ApiSchema({ name: 'ImportReport' })
export class ImportReportDoc implements ImportReport {
  @ApiProperty(FormatProperty) format: 'xlsx' | 'docx';
  @ApiProperty({ enum: ['tender', 'buyer'], enumName: 'ExportEdition' }) edition: 'tender' | 'buyer';
  @ApiProperty() fingerprint: string;
  @ApiProperty(ConformityProperty) conformity: Conformity;
  @ApiProperty({ type: ImportSummaryDoc }) summary: ImportSummary;
  @ApiProperty({ type: [ReportRowDoc] }) rows: ReportRow[];
  @ApiProperty({ type: [AddedRowDoc] }) added: AddedRowDoc[];
  @ApiProperty({ type: [FindingDoc] }) findings: Finding[];
}

@ApiSchema({ name: 'OfferDetail' })
export class OfferDetailDoc extends OfferViewDoc implements OfferDetailView {
  @ApiProperty({ type: ImportReportDoc, nullable: true }) report: ImportReport | null;
}

@ApiSchema({ name: 'EvaluatorScore' })
export class EvaluatorScoreDoc implements EvaluatorScoreView {
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty({ description: 'Username.' }) evaluatorName: string;
  @ApiProperty() points: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

@ApiSchema({ name: 'ConsensusScore' })
export class ConsensusDoc implements ConsensusView {
  @ApiProperty() points: number;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Username.' }) setBy: string;
  @ApiProperty({ format: 'date-time' }) setAt: string;
}

@ApiSchema({ name: 'ScoreCell', description: 'One offer × EK cell: every evaluator’s points, their spread and the consensus' })
export class ScoreCellDoc implements ScoreCellView {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ type: [EvaluatorScoreDoc] }) scores: EvaluatorScoreView[];
  @ApiProperty({ type: 'number', nullable: true }) spread: number | null;
  @ApiProperty() differs: boolean;
  @ApiProperty({ type: ConsensusDoc, nullable: true }) consensus: ConsensusView | null;
}

@ApiSchema({ name: 'ScaleMeaning' })
export class ScaleMeaningDoc {
  @ApiProperty() points: number;
  @ApiProperty() meaning: string;
}

@ApiSchema({ name: 'ScoringScale' })
export class ScoringScaleDoc {
  @ApiProperty() subCriterion: string;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty({ type: [ScaleMeaningDoc] }) meaning: ScaleMeaningDoc[];
  @ApiProperty() method: string;
}

@ApiSchema({ name: 'ScoringItem' })
export class ScoringItemDoc {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() key: string;
  @ApiProperty({ type: 'integer', nullable: true }) version: number | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'number', nullable: true }) weight: number | null;
}

@ApiSchema({ name: 'ScoringOffer' })
export class ScoringOfferDoc {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty() bidderName: string;
  @ApiProperty() imported: boolean;
  @ApiProperty({ ...ConformityProperty, nullable: true }) conformity: Conformity | null;
  @ApiProperty({ description: 'Every EK has a consensus score' }) complete: boolean;
  @ApiProperty({ type: 'number', nullable: true }) weightedTotal: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) rank: number | null;
}

@ApiSchema({ name: 'ScoringMatrix', description: 'One page of the EKs × every offer' })
export class ScoringMatrixDoc implements ScoringMatrixView {
  @ApiProperty({ type: ScoringScaleDoc }) scale: ScoringScaleDoc;
  @ApiProperty({ type: [ScoringItemDoc] }) items: ScoringItemDoc[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: [ScoringOfferDoc] }) offers: ScoringOfferDoc[];
  @ApiProperty({ type: [ScoreCellDoc] }) cells: ScoreCellView[];
}

export const OfferPage = PageOf(OfferViewDoc);
