import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NonBlankText, NullableField, OptionalBody, OptionalField, PageQueryDto } from '@kravbank/common';
import { KEY_PATTERN, LEGAL_SOURCE_ID_PATTERN, OBLIGATIONS, type Obligation } from '@kravbank/catalogue';

export const MAX_ITEMS = 2000;

export class CreateSpecificationDto {
  @ApiProperty({ example: 'Kravspecifikation: ny ESDH-løsning' })
  @NonBlankText(300)
  title: string;

  @ApiProperty({ example: 'Udbud af ESDH-løsning 2027' })
  @NonBlankText(300)
  procurementName: string;

  @ApiPropertyOptional({ example: '27.15.00-G01-3-26' })
  @NullableField()
  @IsString()
  @MaxLength(100)
  caseNumber?: string;

  @ApiPropertyOptional()
  @NullableField()
  @IsString()
  @MaxLength(8000)
  description?: string;

  @ApiPropertyOptional({
    example: 'fagsystem-personoplysninger',
    description: 'Start from a selection profile: its requirements at their current versions',
  })
  @OptionalField()
  @Matches(LEGAL_SOURCE_ID_PATTERN, { message: 'must be a profile id' })
  profileId?: string;
}

/** What one point value on the scale means. */
export class ScaleMeaningDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 10 })
  @IsInt()
  @Min(0)
  @Max(100)
  points: number;

  @ApiProperty({ example: 'Besvarelsen opfylder kravet i særdeles tilfredsstillende grad.' })
  @NonBlankText(500)
  meaning: string;
}

/**
 * The evaluation model as the procurer sets it. A field left out keeps its value; `null` sets it
 * back to the Danish default.
 */
export class EvaluationSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Kvalitet', description: 'The sub-criterion the EKs count under' })
  @NullableField()
  @NonBlankText(200)
  subCriterion?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 99, example: 0 })
  @NullableField()
  @IsInt()
  @Min(0)
  @Max(99)
  scaleMin?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 100, example: 10 })
  @NullableField()
  @IsInt()
  @Min(1)
  @Max(100)
  scaleMax?: number | null;

  @ApiPropertyOptional({ type: [ScaleMeaningDto], nullable: true, description: 'What the points mean, at most 21 steps' })
  @NullableField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => ScaleMeaningDto)
  scaleMeaning?: ScaleMeaningDto[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'How points and weights add up' })
  @NullableField()
  @NonBlankText(4000)
  method?: string | null;
}

/** The annex's front matter as the procurer sets it; `null` sets a field back to the default. */
export class AnnexSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '3', description: 'The annex number in the tender material' })
  @NullableField()
  @NonBlankText(20)
  @Matches(/^[0-9A-Za-zÆØÅæøå][0-9A-Za-zÆØÅæøå.-]*$/, { message: 'must be an annex number such as 3, 3a or 3.1' })
  number?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Kravspecifikation' })
  @NullableField()
  @NonBlankText(200)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The annex’s status in the contract' })
  @NullableField()
  @NonBlankText(8000)
  contractStatus?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The reservations (forbehold) clause' })
  @NullableField()
  @NonBlankText(8000)
  reservationsClause?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Instruction to the bidder, removed at contract signing' })
  @NullableField()
  @NonBlankText(8000)
  instruction?: string | null;
}

export const MAX_SECTIONS = 50;

export class UpdateSpecificationDto {
  @ApiPropertyOptional()
  @OptionalField()
  @NonBlankText(300)
  title?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @NonBlankText(300)
  procurementName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @NullableField()
  @IsString()
  @MaxLength(100)
  caseNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @NullableField()
  @IsString()
  @MaxLength(8000)
  description?: string | null;

  @ApiPropertyOptional({
    type: EvaluationSettingsDto,
    nullable: true,
    description: 'The evaluation model; given fields are set, null fields and `null` for the whole go back to the defaults',
  })
  @NullableField()
  @IsObject()
  @ValidateNested()
  @Type(() => EvaluationSettingsDto)
  evaluation?: EvaluationSettingsDto | null;

  @ApiPropertyOptional({
    type: AnnexSettingsDto,
    nullable: true,
    description: 'The annex front matter; given fields are set, null fields and `null` for the whole go back to the defaults',
  })
  @NullableField()
  @IsObject()
  @ValidateNested()
  @Type(() => AnnexSettingsDto)
  annex?: AnnexSettingsDto | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['Adgangsstyring', 'Logning'],
    description: `The sections the specification declares, in order (at most ${MAX_SECTIONS}); the checks report one that holds no item`,
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_SECTIONS)
  @ArrayUnique((s: unknown) => (typeof s === 'string' ? s.trim().toLowerCase() : s), { message: 'must not name a section twice' })
  @MaxLength(200, { each: true })
  @Matches(/\S/, { each: true, message: 'each section must have a name' })
  @IsString({ each: true })
  sections?: string[];
}

@OptionalBody()
export class FinalizeDto {
  @ApiPropertyOptional({
    description: 'Finalize although the checks give warnings; the warnings are recorded in the audit trail',
    default: false,
  })
  @OptionalField()
  @IsBoolean()
  acknowledgeWarnings?: boolean;
}

export class LocalRequirementDto {
  @ApiProperty({ example: 'Integration til kommunens vagtplansystem' })
  @NonBlankText(200)
  title: string;

  @ApiProperty({ example: 'Leverandøren skal levere en integration til kommunens vagtplansystem.' })
  @NonBlankText(4000)
  statement: string;
}

/** Shared by adding and changing an item. */
class ItemFieldsDto {
  @ApiPropertyOptional({
    enum: OBLIGATIONS,
    description: 'Defaults to the requirement’s suggested obligation (minimum for local requirements)',
  })
  @OptionalField()
  @IsIn(OBLIGATIONS, { message: `must be one of ${OBLIGATIONS.join(', ')}` })
  obligation?: Obligation;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 1000, description: 'Only for evaluated requirements' })
  @NullableField()
  @IsInt()
  @Min(1)
  @Max(1000)
  weight?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The municipality’s own note; the bank text is never changed' })
  @NullableField()
  @IsString()
  @MaxLength(4000)
  note?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Drift og support', description: 'The heading the item stands under' })
  @NullableField()
  @IsString()
  @MaxLength(200)
  section?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'Sort key within the specification; defaults to the end' })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;
}

export class AddItemDto extends ItemFieldsDto {
  @ApiPropertyOptional({ example: 'SIK-014', description: 'A bank requirement (or give `local`)' })
  @OptionalField()
  @IsString()
  @Matches(new RegExp(KEY_PATTERN.source, 'i'), { message: 'must be a requirement key such as SIK-014' })
  requirementKey?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The version to pin; defaults to the current one' })
  @OptionalField()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    type: LocalRequirementDto,
    description: 'A requirement written by the municipality itself (instead of requirementKey)',
  })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalRequirementDto)
  local?: LocalRequirementDto;
}

export class AddItemsDto {
  @ApiProperty({ type: [AddItemDto], description: `At most ${MAX_ITEMS}; all are added or none` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AddItemDto)
  items: AddItemDto[];
}

export class UpdateItemDto extends ItemFieldsDto {
  @ApiPropertyOptional({
    enum: ['confirm', 'describe'],
    nullable: true,
    description:
      'How a bidder answers an MK: confirm (Ja / Nej) or describe (Ja / Nej and a description). Null: from the verification, which asks for documentation or not',
  })
  @NullableField()
  @IsIn(['confirm', 'describe'], { message: 'must be confirm or describe' })
  answerMode?: 'confirm' | 'describe' | null;

  @ApiPropertyOptional({ type: LocalRequirementDto, description: 'Only for local requirements' })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalRequirementDto)
  local?: LocalRequirementDto;
}

export class SpecificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'final'] })
  @IsOptional()
  @IsIn(['draft', 'final'], { message: 'must be draft or final' })
  status?: 'draft' | 'final';
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['docx', 'csv', 'json', 'xlsx'], default: 'docx' })
  @IsOptional()
  @IsIn(['docx', 'csv', 'json', 'xlsx'], { message: 'must be docx, csv, json or xlsx' })
  format: 'docx' | 'csv' | 'json' | 'xlsx' = 'docx';

  @ApiPropertyOptional({
    enum: ['tender', 'buyer'],
    default: 'tender',
    description: 'tender goes into the tender material; buyer adds rationale, guidance and verification',
  })
  @IsOptional()
  @IsIn(['tender', 'buyer'], { message: 'must be tender or buyer' })
  edition: 'tender' | 'buyer' = 'tender';
}
