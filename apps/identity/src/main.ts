import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadIdentityConfig } from './config/identity-config.ts';
import { createIdentityApp } from './identity-app.ts';
import { listenOnSharedPort, startServiceTracing } from '@gridledger/nest-service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadIdentityConfig();
    startServiceTracing('identity');
  } catch (error) {
    // a bad environment stops the boot with the sentence that names the setting
    console.error((error as Error).message);
    process.exit(1);
  }
  const app = await createIdentityApp(config);
  app.enableShutdownHooks();
  await listenOnSharedPort(app, config.port, config.host);
  new Logger('Identity').log(`listening on http://${config.host}:${config.port} (OpenAPI at /docs)`);
}

void main();
