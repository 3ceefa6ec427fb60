import { Public } from '@kravbank/identity';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Process and database health; 503 when the database does not answer' })
  async health(@Res({ passthrough: true }) res: Response) {
    const t0 = performance.now();
    let database: { status: 'up' | 'down'; latencyMs: number; error?: string };
    try {
      await this.db.query('SELECT 1');
      database = { status: 'up', latencyMs: round(performance.now() - t0) };
    } catch (e) {
      database = { status: 'down', latencyMs: round(performance.now() - t0), error: (e as Error).message };
    }
    const ok = database.status === 'up';
    if (!ok) res.status(503);
    return {
      status: ok ? 'ok' : 'degraded',
      uptimeSeconds: Math.round(process.uptime()),
      process: { pid: process.pid, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), node: process.version },
      database,
    };
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
