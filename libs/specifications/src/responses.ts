import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@kravbank/common';
import {
  CategoryProperty,
  ContentDiffDoc,
  ContentFieldProperty,
  LevelProperty,
  ObligationProperty,
  RequirementStatusProperty,
  type Category,
  type ContentDiff,
  type Level,
  type Obligation,
  type RequirementStatus,
} from '@kravbank/catalogue';
import type { AnnexFrontMatter, EvaluationModel } from '@kravbank/export';
import { CHECK_CODES, type CheckCode } from './checks.js';
import type { CheckWarningView, ItemView, SpecificationView, UpdateView } from './views.js';

/*
 * The shapes the specification routes answer with, for the OpenAPI document. Each class
 * implements the interface the service returns, so a field added there and forgotten here fails the build.
 */

@ApiSchema({ name: 'OrganisationRef' })
export class OrganisationRefDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

@ApiSchema({ name: 'ScaleMeaning' })
export class ScaleMeaningDoc {
  @ApiProperty({ type: 'integer' }) points: number;
  @ApiProperty() meaning: string;
}

@ApiSchema({ name: 'EvaluationModel', description: 'How the evaluated requirements are scored.' })
export class EvaluationModelDoc implements EvaluationModel {
  @ApiProperty({ description: 'The sub-criterion the EKs count under.' }) subCriterion: string;
  @ApiProperty({ type: 'integer' }) scaleMin: number;
  @ApiProperty({ type: 'integer' }) scaleMax: number;
  @ApiProperty({ type: [ScaleMeaningDoc], description: 'What the points mean, from the highest down.' }) scaleMeaning: ScaleMeaningDoc[];
  @ApiProperty({ description: 'How points and weights add up.' }) method: string;
}

@ApiSchema({
  name: 'AnnexFrontMatter',
  description: 'The annex number, title, status in the contract, reservations clause and instruction.',
})
export class AnnexFrontMatterDoc implements AnnexFrontMatter {
  @ApiProperty({ example: '3' }) number: string;
  @ApiProperty() title: string;
  @ApiProperty() contractStatus: string;
  @ApiProperty() reservationsClause: string;
  @ApiProperty() instruction: string;
}

@ApiSchema({ name: 'SpecificationView' })
export class SpecificationViewDoc implements SpecificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() procurementName: string;
  @ApiProperty({ type: String, nullable: true }) caseNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: ['draft', 'final'], enumName: 'SpecificationStatus' }) status: 'draft' | 'final';
  @ApiProperty({ type: 'integer', description: '1 for the first; a new revision of a final one counts up.' }) revision: number;
  @ApiProperty({ type: OrganisationRefDoc }) organisation: OrganisationRefDoc;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finalizedAt: string | null;
  @ApiProperty({ format: 'uuid', description: 'Shared by every revision of the same specification.' }) lineageId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: String, nullable: true }) profileId: string | null;
  @ApiProperty({ description: 'Username.' }) createdBy: string;
  @ApiProperty({ description: 'Username.' }) updatedBy: string;
  @ApiProperty({ type: String, nullable: true, description: 'Username.' }) finalizedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The bank’s version stamp when finalized.' }) bankStamp: string | null;
  @ApiProperty({ type: 'integer' }) itemCount: number;
  @ApiProperty({ type: 'integer', description: 'Items whose pinned version is behind the bank, or retired.' })
  updatesAvailable: number;
  @ApiProperty({ type: EvaluationModelDoc, description: 'The procurer’s values, the Danish defaults for the rest.' })
  evaluation: EvaluationModelDoc;
  @ApiProperty({ type: AnnexFrontMatterDoc, description: 'The procurer’s values, the Danish defaults for the rest.' })
  annex: AnnexFrontMatterDoc;
  @ApiProperty({
    type: [String],
    example: ['evaluation.subCriterion', 'annex.number'],
    description: 'The fields of evaluation and annex that are the defaults (not set by the procurer).',
  })
  defaultFields: string[];
  @ApiProperty({ type: [String], description: 'The sections the specification declares, in order.' }) sections: string[];
}

@ApiSchema({ name: 'CheckWarning', description: 'A warning of the checks before finalizing.' })
export class CheckWarningDoc implements CheckWarningView {
  @ApiProperty({ enum: CHECK_CODES, enumName: 'CheckCode' }) code: CheckCode;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the specification as a whole.' })
  itemId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'SIK-014' }) itemKey: string | null;
  @ApiProperty({ description: 'Danish, for the procurer.' }) message: string;
}

@ApiSchema({ name: 'ItemView', description: 'One item of a specification: a pinned bank requirement or a local one.' })
export class ItemViewDoc implements ItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: String, nullable: true }) section: string | null;
  @ApiProperty({ enum: ['bank', 'local'], enumName: 'ItemSource' }) source: 'bank' | 'local';
  @ApiProperty({ type: String, nullable: true, example: 'SIK-001' }) requirementKey: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'LOK-1' }) localRef: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The pinned version.' }) version: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) currentVersion: number | null;
  @ApiProperty({ ...RequirementStatusProperty, nullable: true }) requirementStatus: RequirementStatus | null;
  @ApiProperty() newerVersionAvailable: boolean;
  @ApiProperty({ ...CategoryProperty, nullable: true }) category: Category | null;
  @ApiProperty() title: string;
  @ApiProperty() statement: string;
  @ApiProperty({ ...LevelProperty, nullable: true }) level: Level | null;
  @ApiProperty(ObligationProperty) obligation: Obligation;
  @ApiProperty({ type: 'number', nullable: true, description: 'Only for evaluated items.' }) weight: number | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({
    type: String,
    enum: ['confirm', 'describe'],
    enumName: 'AnswerMode',
    nullable: true,
    description: 'How a bidder answers this MK; null: from the requirement’s verification.',
  })
  answerMode: 'confirm' | 'describe' | null;
}

@ApiSchema({ name: 'UpdateView', description: 'An item whose pinned version is behind the bank, or retired.' })
export class UpdateViewDoc implements UpdateView {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() requirementKey: string;
  @ApiProperty({ type: 'integer' }) pinnedVersion: number;
  @ApiProperty({ type: 'integer' }) currentVersion: number;
  @ApiProperty() retired: boolean;
  @ApiProperty({ ...ContentFieldProperty, isArray: true, description: 'What changed from the pinned to the current version.' })
  changed: string[];
  @ApiProperty({ type: ContentDiffDoc, nullable: true, description: 'Null when retired without a newer version.' })
  diff: ContentDiff | null;
}

@ApiSchema({ name: 'AddedItems' })
export class AddedItemsDoc {
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: [ItemViewDoc] }) items: ItemView[];
}

@ApiSchema({ name: 'UpgradedItem' })
export class UpgradedItemDoc {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() requirementKey: string;
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
}

@ApiSchema({ name: 'UpgradeAllResult' })
export class UpgradeAllResultDoc {
  @ApiProperty({ type: [UpgradedItemDoc] }) upgraded: UpgradedItemDoc[];
  @ApiProperty({ type: [String], description: 'Keys of retired requirements, left as they are.' }) retired: string[];
}

export const SpecificationPage = PageOf(SpecificationViewDoc);
export const ItemPage = PageOf(ItemViewDoc);
export const UpdatePage = PageOf(UpdateViewDoc);
export const CheckWarningPage = PageOf(CheckWarningDoc);
