import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiSchema,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, type Principal } from '@kravbank/identity';
import { HealthService, type ReadyAnswer } from '../health.service.js';

/** 503 when the database does not answer; the body says which part is down. */
const readyStatus = (res: Response, answer: ReadyAnswer) => (res.status(answer.status === 'unavailable' ? 503 : 200), answer);

@ApiSchema({ name: 'Liveness' })
class LivenessDoc {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

@ApiSchema({ name: 'PartHealth' })
class PartHealthDoc {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
}

@ApiSchema({ name: 'Readiness' })
class ReadinessDoc implements ReadyAnswer {
  @ApiProperty({ enum: ['ok', 'degraded', 'unavailable'], description: 'degraded: search does not answer; unavailable: no database' })
  status: 'ok' | 'degraded' | 'unavailable';
  @ApiProperty({ type: PartHealthDoc }) database: PartHealthDoc;
  @ApiProperty({ type: PartHealthDoc }) search: PartHealthDoc;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Only for admins: timings, versions and errors.' })
  details?: Record<string, unknown>;
}

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'The process answers (no database needed)' })
  @ApiOkResponse({ type: LivenessDoc })
  live(): LivenessDoc {
    return this.service.live();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Database and search engine; 503 when the database does not answer; details for admins' })
  @ApiOkResponse({ type: ReadinessDoc, description: 'The database answers (search may be degraded)' })
  @ApiServiceUnavailableResponse({ type: ReadinessDoc, description: 'The database does not answer' })
  async ready(@CurrentUser() user: Principal | undefined, @Res({ passthrough: true }) res: Response): Promise<ReadinessDoc> {
    return readyStatus(res, await this.service.ready(user));
  }

  @Get()
  @ApiOperation({ summary: 'The same as /health/ready' })
  @ApiOkResponse({ type: ReadinessDoc, description: 'The database answers (search may be degraded)' })
  @ApiServiceUnavailableResponse({ type: ReadinessDoc, description: 'The database does not answer' })
  async alias(@CurrentUser() user: Principal | undefined, @Res({ passthrough: true }) res: Response): Promise<ReadinessDoc> {
    return readyStatus(res, await this.service.ready(user));
  }
}
