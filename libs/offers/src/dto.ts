import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, Matches } from 'class-validator';
import { NonBlankText } from '@kravbank/common';

export class CreateOfferDto {
  @ApiProperty({ example: 'Eksempel Software A/S', description: "The bidder's name" })
  @NonBlankText(200)
  bidderName: string;

  @ApiProperty({ example: '12345678', description: "The bidder's CVR number: 8 digits" })
  @Matches(/^\d{8}$/, { message: 'must be a CVR number of 8 digits' })
  cvr: string;
}

export class ScoreDto {
  @ApiProperty({ example: 8, description: "Points on the specification's scale (scaleMin to scaleMax)" })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'must be a number with at most 2 decimals' })
  points: number;

  @ApiProperty({
    example: 'Løsningen dokumenterer logning af alle opslag med bruger og formål.',
    description: 'The written reason (required)',
  })
  @NonBlankText(4000)
  reason: string;
}

export class EvaluationQueryDto {
  @ApiPropertyOptional({ enum: ['docx', 'xlsx'], default: 'docx' })
  @IsOptional()
  @IsIn(['docx', 'xlsx'], { message: 'must be docx or xlsx' })
  format: 'docx' | 'xlsx' = 'docx';
}
