import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AdminService,
  ApiKeyPage,
  ApiKeyQueryDto,
  ApiKeys,
  ConfiguredProviderView,
  ProviderDirectory,
  CreateApiKeyDto,
  CreatedApiKeyView,
  CreateOrganisationDto,
  CreateUserDto,
  CurrentUser,
  OrganisationPage,
  OrganisationQueryDto,
  OrganisationView,
  type Principal,
  Roles,
  UpdateOrganisationDto,
  UpdateUserDto,
  UserPage,
  UserQueryDto,
  UserView,
} from '@kravbank/identity';
import { ApiProblems } from '../openapi.js';

/**
 * Organisations, users and API keys. A global admin (an admin in a secretariat organisation) manages all of them;
 * any other admin only its own organisation's users and keys. Every change is in the audit trail.
 */
@ApiTags('Administration')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly keys: ApiKeys,
    private readonly directory: ProviderDirectory,
  ) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Organisations by name (an organisation’s admin sees its own)' })
  @ApiOkResponse({ type: OrganisationPage })
  organisations(@CurrentUser() user: Principal, @Query() q: OrganisationQueryDto) {
    return this.admin.organisations(user, q);
  }

  @Post('organisations')
  @ApiOperation({ summary: 'Create an organisation (global admin)' })
  @ApiCreatedResponse({ type: OrganisationView })
  createOrganisation(@CurrentUser() user: Principal, @Body() dto: CreateOrganisationDto) {
    return this.admin.createOrganisation(user, dto);
  }

  @Patch('organisations/:id')
  @ApiOperation({ summary: 'Deactivate or reactivate an organisation (global admin); deactivation ends its users’ sessions' })
  @ApiOkResponse({ type: OrganisationView })
  updateOrganisation(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UpdateOrganisationDto) {
    return this.admin.updateOrganisation(user, id, dto);
  }

  @Get('users')
  @ApiOperation({ summary: 'Users by organisation and username' })
  @ApiOkResponse({ type: UserPage })
  users(@CurrentUser() user: Principal, @Query() q: UserQueryDto) {
    return this.admin.users(user, q);
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user with roles (with a first password, or signing in through the organisation’s provider)' })
  @ApiCreatedResponse({ type: UserView })
  createUser(@CurrentUser() user: Principal, @Body() dto: CreateUserDto) {
    return this.admin.createUser(user, dto);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Change a user’s name or roles, or deactivate (sessions and tokens stop at once) or reactivate' })
  @ApiOkResponse({ type: UserView })
  updateUser(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.admin.updateUser(user, id, dto);
  }

  @Get('providers')
  @ApiOperation({ summary: 'The identity providers configured in OIDC_PROVIDERS_FILE (an organisation’s admin sees its own)' })
  @ApiOkResponse({ type: [ConfiguredProviderView] })
  providers(@CurrentUser() user: Principal) {
    return this.directory.configured(user);
  }

  @Get('api-keys')
  @ApiOperation({ summary: 'API keys (never the keys themselves), live ones first' })
  @ApiOkResponse({ type: ApiKeyPage })
  apiKeys(@CurrentUser() user: Principal, @Query() q: ApiKeyQueryDto) {
    return this.keys.list(user, q);
  }

  @Post('api-keys')
  @ApiOperation({ summary: 'Create an API key for an organisation and roles; the key is in this answer only' })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  createApiKey(@CurrentUser() user: Principal, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(user, dto);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key: it is refused from the next request' })
  @ApiNoContentResponse({ description: 'Revoked' })
  revokeApiKey(@CurrentUser() user: Principal, @Param('id') id: string): Promise<void> {
    return this.keys.revoke(user, id);
  }
}
