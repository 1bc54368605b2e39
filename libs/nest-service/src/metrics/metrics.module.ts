import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller.ts';
import { ServiceMetrics } from './service-metrics.ts';

/** GET /metrics for a service, and its `ServiceMetrics` for any provider that has figures to report. */
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return { module: MetricsModule, global: true, controllers: [MetricsController], providers: [{ provide: ServiceMetrics, useValue: new ServiceMetrics(service) }], exports: [ServiceMetrics] };
  }
}
