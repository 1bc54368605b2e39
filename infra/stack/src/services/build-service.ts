import { join } from 'node:path';
import { build } from 'rolldown';
import type { StackConfig } from '../config/stack-config.ts';

export const serviceBundle = (config: StackConfig, name: string): string => join(config.paths.repo, 'dist', 'apps', name, 'main.mjs');

/**
 * Bundles a service's own code and the workspace libraries it uses into one ES module;
 * npm packages stay external and load from node_modules. The app's tsconfig switches on
 * legacy decorators and their metadata, which Nest's dependency injection reads.
 */
export async function buildService(config: StackConfig, name: string): Promise<string> {
  const appDir = join(config.paths.repo, 'apps', name);
  const file = serviceBundle(config, name);
  await build({
    input: join(appDir, 'src', 'main.ts'),
    platform: 'node',
    tsconfig: join(appDir, 'tsconfig.json'),
    // workspace libraries and the compiler's own helpers are bundled; npm packages are not
    external: (id) => !/^(\.|\/|\0|@gridledger\/|@oxc-project\/runtime)/.test(id),
    output: { file, format: 'esm', sourcemap: true },
    logLevel: 'warn',
  });
  return file;
}
