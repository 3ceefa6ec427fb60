import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ROLES, type Principal, type Role } from './model.js';

/* The shapes the identity routes answer with, for the OpenAPI document. */

@ApiSchema({ name: 'AccessToken' })
export class AccessTokenDoc {
  @ApiProperty({ description: 'Send it as `Authorization: Bearer <token>`.' }) accessToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

@ApiSchema({ name: 'Principal', description: 'The logged-in user, organisation and roles.' })
export class PrincipalDoc implements Principal {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles: Role[];
}
