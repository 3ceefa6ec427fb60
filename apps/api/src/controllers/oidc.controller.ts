import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { parseCookie } from 'cookie';
import { APP_CONFIG, type AppConfig, DomainError } from '@kravbank/common';
import { OidcLogin, ProviderDirectory, Public, SignInOptionsView } from '@kravbank/identity';
import { ApiProblems } from '../openapi.js';
import { setSessionCookie } from '../session-cookie.js';

/** The cookie that binds a sign-in at the provider to the browser that began it (the state), for ten minutes. */
const LOGIN_COOKIE = 'kravbank_oidc';
const LOGIN_COOKIE_PATH = '/api/auth/oidc';

/** Sign-in through the organisation's own identity provider (OpenID Connect), and the sign-in options for the login page. */
@ApiTags('Identity')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly login: OidcLogin,
    private readonly directory: ProviderDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('providers')
  @ApiOperation({ summary: 'How one may sign in: each organisation with an identity provider, and whether password login is on' })
  @ApiOkResponse({ type: SignInOptionsView })
  providers(): Promise<SignInOptionsView> {
    return this.directory.signInOptions();
  }

  @Public()
  @Get('oidc/:cvr/login')
  @ApiOperation({ summary: 'Start signing in at the organisation’s identity provider (redirects there; Authorization Code with PKCE)' })
  @ApiFoundResponse({ description: 'To the provider’s authorization endpoint' })
  @ApiProblems(404)
  async start(@Param('cvr') cvr: string, @Query('tilbage') returnTo: string | undefined, @Res() res: Response): Promise<void> {
    const started = await this.login.start(cvr, returnTo);
    res.cookie(LOGIN_COOKIE, started.state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.trustProxy,
      path: LOGIN_COOKIE_PATH,
      maxAge: started.maxAgeSeconds * 1000,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, started.url);
  }

  /** The provider sends the browser back here; the answer is a redirect into the web app (with `fejl=<code>` when refused). */
  @Public()
  @Get('oidc/callback')
  @ApiExcludeEndpoint()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const cookieState = req.headers.cookie ? parseCookie(req.headers.cookie)[LOGIN_COOKIE] : undefined;
    res.clearCookie(LOGIN_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.config.trustProxy, path: LOGIN_COOKIE_PATH });
    res.setHeader('Cache-Control', 'no-store');
    try {
      const { session, returnTo } = await this.login.finish(req.query as Record<string, unknown>, cookieState);
      setSessionCookie(res, session, this.config.trustProxy);
      res.redirect(302, `${this.config.publicUrl}${returnTo}`);
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind === 'unavailable') throw e;
      req.log?.warn({ code: e.code, reason: e.message }, 'OpenID Connect sign-in refused');
      res.redirect(302, `${this.config.publicUrl}/log-ind?fejl=${encodeURIComponent(e.code)}`);
    }
  }
}
