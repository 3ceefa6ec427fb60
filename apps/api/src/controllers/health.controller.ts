import { Public } from '@kravbank/identity';
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
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

@ApiSchema({ name: 'ProcessHealth' })
class ProcessHealthDoc {
  @ApiProperty({ type: 'integer' }) pid: number;
  @ApiProperty({ type: 'integer', description: 'Resident set size in MiB.' }) rssMiB: number;
  @ApiProperty({ example: 'v20.20.0' }) node: string;
}

@ApiSchema({ name: 'DatabaseHealth' })
class DatabaseHealthDoc {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty() latencyMs: number;
  @ApiPropertyOptional({ description: 'Only when down.' }) error?: string;
}

@ApiSchema({ name: 'Health' })
class HealthDoc {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: 'integer' }) uptimeSeconds: number;
  @ApiProperty({ type: ProcessHealthDoc }) process: ProcessHealthDoc;
  @ApiProperty({ type: DatabaseHealthDoc }) database: DatabaseHealthDoc;
}

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Process and database health; 503 when the database does not answer' })
  @ApiOkResponse({ type: HealthDoc, description: 'The process and the database answer' })
  @ApiServiceUnavailableResponse({ type: HealthDoc, description: 'The database does not answer (status degraded)' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDoc> {
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
