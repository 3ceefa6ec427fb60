import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, LoginDto, CurrentUser, Public, type Principal, AccessTokenDoc, PrincipalDoc } from '@kravbank/identity';
import { ApiProblems } from '../openapi.js';

@ApiTags('Identity')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password; returns a short-lived bearer token' })
  @ApiProblems(400, 401, 429)
  @ApiOkResponse({ type: AccessTokenDoc, description: 'A bearer token and when it expires' })
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<AccessTokenDoc> {
    return this.auth.login(dto, { address });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user, organisation and roles' })
  @ApiProblems(401)
  @ApiOkResponse({ type: PrincipalDoc })
  me(@CurrentUser() user: Principal): PrincipalDoc {
    return this.auth.me(user);
  }
}
