import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OpsGuard } from '../auth/ops-guard.ts';
import { OpsSampler } from './ops-sampler.ts';

@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsGuard)
@Controller('api/ops')
export class OpsController {
  constructor(private readonly sampler: OpsSampler) {}

  @Get('snapshot')
  @ApiOperation({ summary: 'One reading of every service and stack component, chain, Kafka, throughput and recent errors (admins, regulator)' })
  snapshot() {
    return this.sampler.sample();
  }

  @Get('history')
  @ApiOperation({ summary: 'The last 24 hours of transaction, event and transfer rates, one point a minute, oldest first (admins, regulator)' })
  history() {
    return { intervalSeconds: 60, points: this.sampler.history.points() };
  }

  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'The same readings as server-sent events (`event: sample`), every few seconds while the stream is open' })
  stream(@Req() request: Request, @Res() response: Response): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 3000\n\n');
    const unsubscribe = this.sampler.subscribe((sample) => response.write(`event: sample\ndata: ${JSON.stringify(sample)}\n\n`));
    request.on('close', unsubscribe);
  }
}
