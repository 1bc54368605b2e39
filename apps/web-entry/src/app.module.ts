import { ServiceHealthModule, TracingShutdown, serviceLogsModule } from '@gridledger/nest-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { OpsGuard } from './auth/ops-guard.ts';
import { UserVerifier } from './auth/user-verifier.ts';
import { ENTRY_CONFIG, type EntryConfig } from './config/entry-config.ts';
import { HealthController } from './health/health.controller.ts';
import { OpsController } from './ops/ops.controller.ts';
import { OpsSampler } from './ops/ops-sampler.ts';
import { RecentErrors } from './ops/recent-errors.ts';
import { ThroughputMeter } from './ops/throughput-meter.ts';
import { ApiProxy } from './proxy/api-proxy.ts';

@Module({})
export class WebEntryModule {
  static forConfig(config: EntryConfig): DynamicModule {
    return {
      module: WebEntryModule,
      // JSON logs like every service's, but no /metrics: this is the public entry
      imports: [serviceLogsModule('web-entry'), ServiceHealthModule],
      controllers: [HealthController, OpsController],
      providers: [{ provide: ENTRY_CONFIG, useValue: config }, TracingShutdown, UserVerifier, OpsGuard, ApiProxy, ThroughputMeter, RecentErrors, OpsSampler],
    };
  }
}
