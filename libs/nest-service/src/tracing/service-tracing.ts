import { Injectable, type INestApplication, type OnApplicationShutdown } from '@nestjs/common';
import { httpServerSpans, startTracing, stopTracing } from '@gridledger/tracing';

/**
 * Starts the service's tracing from the standard OpenTelemetry settings (off unless an OTLP
 * endpoint is set). Called before the app is created, so the pools and consumers built while
 * Nest resolves the modules are traced too. A bad setting throws the sentence that names it.
 */
export function startServiceTracing(service: string): void {
  startTracing(service);
}

/** Every HTTP request a SERVER span, first among the app's middleware so the rest runs inside it. */
export function useServiceTracing(app: INestApplication): void {
  app.use(httpServerSpans());
}

/** Sends the spans still waiting when the app shuts down (SIGTERM), after everything else has stopped. */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}
