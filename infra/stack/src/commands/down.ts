import { rmSync } from 'node:fs';
import type { StackConfig } from '../config/stack-config.ts';
import { componentNames } from '../components/stack-components.ts';
import { stopDaemon } from '../process/daemon.ts';
import { SUPERVISOR } from '../supervision/supervisor.ts';

/** Stops exactly what the stack started (pid files, process groups): the supervisor first, so nothing is brought back, then the services and the chaincode. */
export async function down(config: StackConfig): Promise<void> {
  const stopped: string[] = [];
  if (await stopDaemon(config.paths, SUPERVISOR)) stopped.push(SUPERVISOR);
  for (const name of componentNames(config).reverse()) {
    if (await stopDaemon(config.paths, name)) stopped.push(name);
  }
  console.log(stopped.length > 0 ? `Stopped ${stopped.join(', ')}.` : 'Nothing was running.');
}

/** Stops the stack and wipes every component's state; built binaries and jars stay. */
export async function reset(config: StackConfig): Promise<void> {
  await down(config);
  rmSync(config.paths.data, { recursive: true, force: true });
  rmSync(config.paths.run, { recursive: true, force: true });
  console.log(`Wiped ${config.paths.data} (binaries in ${config.paths.bin} kept).`);
}
