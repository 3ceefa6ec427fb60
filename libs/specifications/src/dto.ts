import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { NonBlankText, NullableField, OptionalField, PageQueryDto } from '@kravbank/common';
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
