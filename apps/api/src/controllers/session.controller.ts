import { Body, Controller, Delete, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@kravbank/common';
import { BrowserSessions, CurrentUser, LoginDto, OidcLogin, Public, type Principal } from '@kravbank/identity';
import { ApiProblems } from '../openapi.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../session-cookie.js';

class SessionUserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: [String], enum: ['procurer', 'editor', 'committee', 'admin'] }) roles: string[];
}

class SessionView {
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;
  @ApiProperty({ description: 'Send back in X-CSRF-Token with every POST, PATCH and DELETE' }) csrfToken: string;
  @ApiProperty({ required: false, format: 'date-time' }) expiresAt?: string;
}

class LogoutView {
  @ApiProperty({
    description: 'Send the browser here to end the session at the organisation’s identity provider too (RP-initiated logout)',
  })
  logoutUrl: string;
}

/** Browser sessions: an httpOnly cookie backed by a row in PostgreSQL (machine clients use bearer tokens). */
@ApiTags('Identity')
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly sessions: BrowserSessions,
    private readonly oidc: OidcLogin,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Log in from a browser: sets the session cookie and returns the user and the CSRF token' })
  @ApiCreatedResponse({ type: SessionView })
  @ApiProblems(400, 401, 429)
  async create(@Body() dto: LoginDto, @Ip() address: string, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    return setSessionCookie(res, await this.sessions.start(dto, { address }), this.config.trustProxy);
  }

  @Get()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The browser session: the user and the CSRF token (401 when logged out)' })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(401)
  current(@CurrentUser() user: Principal, @Req() req: Request): Promise<SessionView> {
    return this.sessions.describe(user, sessionCookieOf(req));
  }

  @Delete()
  @ApiCookieAuth()
  @ApiOperation({
    summary:
      'Log out: revokes the session and clears the cookie; a session from an identity provider answers 200 with where to end it there too',
  })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiOkResponse({ type: LogoutView, description: 'Logged out of Kravbank; send the browser to logoutUrl to log out at the provider' })
  @ApiProblems(401, 403)
  async remove(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ended = await this.sessions.end(sessionCookieOf(req));
    clearSessionCookie(res, this.config.trustProxy);
    const logoutUrl = await this.oidc.logoutUrl(ended);
    res.setHeader('Cache-Control', 'no-store');
    if (logoutUrl) res.status(200).json({ logoutUrl } satisfies LogoutView);
    else res.status(204).end();
  }
}
