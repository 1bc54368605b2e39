import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ServiceMetrics } from './service-metrics.ts';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: "Prometheus metrics: Node's defaults, each consumer group's deliveries and lag, and the service's own figures" })
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, text } = await this.metrics.scrape();
    response.type(contentType).send(text);
  }
}
