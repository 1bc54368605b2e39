import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import { jsonLogsOptions } from './logging/json-logs.ts';
import { ServiceHealthModule } from './health/service-health.module.ts';
import { MetricsModule } from './metrics/metrics.module.ts';
import { TracingShutdown } from './tracing/service-tracing.ts';

/**
 * What every GridLedger service has, whatever it does: JSON logs with request ids and secrets
 * redacted, GET /metrics, its last spans sent at shutdown, and the HealthChecks its health controller is built of. Its main.ts creates the app with `bufferLogs: true` and calls
 * `useServiceLogs(app)`, so even the boot's lines are JSON.
 */
@Module({})
export class ServiceFoundationModule {
  static forService(service: string): DynamicModule {
    return { module: ServiceFoundationModule, imports: [serviceLogsModule(service), MetricsModule.forService(service), ServiceHealthModule], providers: [TracingShutdown], exports: [LoggerModule, MetricsModule, ServiceHealthModule] };
  }
}

/**
 * JSON logs alone, for a process that must not serve /metrics (the public web entry): the same
 * lines, request ids and redactions as every service.
 */
export const serviceLogsModule = (service: string): DynamicModule => LoggerModule.forRoot(jsonLogsOptions(service));

/** Routes every Nest log line (`new Logger('X').log(…)` included) to the service's JSON logger. */
export function useServiceLogs(app: INestApplication): void {
  app.useLogger(app.get(Logger));
}
