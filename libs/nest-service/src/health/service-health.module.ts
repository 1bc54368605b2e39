import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthChecks } from './health-checks.ts';

/** HealthChecks for a service's own health controller, which names what its service depends on. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  providers: [HealthChecks],
  exports: [HealthChecks],
})
export class ServiceHealthModule {}
