import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { OptionalField, PageOf, PageQueryDto } from '@kravbank/common';
import { ROLES, type Role } from '../model.js';

export const ORGANISATION_KINDS = ['municipality', 'secretariat'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Vejle Kommune' })
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'skal være mindst 2 tegn' })
  @MaxLength(200, { message: 'må højst være 200 tegn' })
  name: string;

  @ApiProperty({ example: '29189854', description: 'CVR-nummeret: 8 cifre' })
  @Transform(trim)
  @Matches(/^[0-9]{8}$/, { message: 'skal være et CVR-nummer på 8 cifre' })
  cvr: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: 'skal være municipality eller secretariat' })
  kind: OrganisationKind;
}

export class UpdateOrganisationDto {
  @ApiProperty({ description: 'false deactivates the organisation: none of its users can sign in, their sessions end' })
  @IsBoolean({ message: 'skal være true eller false' })
  active: boolean;
}

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or the CVR number' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'anna.hansen@vejle.dk',
    description: 'Lower-case letters, digits and . _ @ -; the e-mail address is a good choice',
  })
  @Transform(lower)
  @Matches(/^[a-z0-9][a-z0-9._@-]{1,127}$/, { message: 'skal være 2–128 tegn: små bogstaver, cifre og . _ @ -' })
  username: string;

  @ApiProperty({ example: 'Anna Hansen' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'må ikke være tom' })
  @MaxLength(200, { message: 'må højst være 200 tegn' })
  displayName: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'skal være en organisations id (uuid)' })
  organisationId: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'skal have mindst én rolle' })
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `skal være en af ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({
    description:
      'A first password (at least 12 characters). Without one the user signs in only through the organisation’s identity provider.',
  })
  @OptionalField()
  @IsString()
  @MinLength(12, { message: 'skal være mindst 12 tegn' })
  @MaxLength(256)
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OptionalField()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'må ikke være tom' })
  @MaxLength(200, { message: 'må højst være 200 tegn' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1, { message: 'skal have mindst én rolle' })
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `skal være en af ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false deactivates the user: sessions, tokens and API keys stop working at once' })
  @OptionalField()
  @IsBoolean({ message: 'skal være true eller false' })
  active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organisation’s users (an organisation’s admin sees only its own anyway)' })
  @IsOptional()
  @IsUUID('all', { message: 'skal være en organisations id (uuid)' })
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Part of the username or name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

@ApiSchema({ name: 'Organisation' })
export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'CVR number (8 digits)' }) cvr: string | null;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer', description: 'Active people in the organisation' }) activeUsers: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

@ApiSchema({ name: 'AdminUser' })
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: ['password', 'provider', 'none'], description: 'How the user signs in' }) signIn: 'password' | 'provider' | 'none';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const OrganisationPage = PageOf(OrganisationView);
export const UserPage = PageOf(UserView);
