import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, type Principal } from '@kravbank/identity';
import { HealthService, type ReadyAnswer } from '../health.service.js';

/** 503 when the database does not answer; the body says which part is down. */
const readyStatus = (res: Response, answer: ReadyAnswer) => (res.status(answer.status === 'unavailable' ? 503 : 200), answer);

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'The process answers (no database needed)' })
  live() {
    return this.service.live();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Database and search engine; 503 when the database does not answer; details for admins' })
  async ready(@CurrentUser() user: Principal | undefined, @Res({ passthrough: true }) res: Response) {
    return readyStatus(res, await this.service.ready(user));
  }

  @Get()
  @ApiOperation({ summary: 'The same as /health/ready' })
  async alias(@CurrentUser() user: Principal | undefined, @Res({ passthrough: true }) res: Response) {
    return readyStatus(res, await this.service.ready(user));
  }
}
