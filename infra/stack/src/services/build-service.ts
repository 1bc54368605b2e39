import { join } from 'node:path';
import { build } from 'rolldown';
import type { StackConfig } from '../config/stack-config.ts';

/** Where a service's bundle goes under a repository checkout: `dist/apps/<name>/main.mjs`. */
export const bundlePath = (repo: string, name: string): string => join(repo, 'dist', 'apps', name, 'main.mjs');

export const serviceBundle = (config: StackConfig, name: string): string => bundlePath(config.paths.repo, name);

/**
 * Bundles a service's own code and the workspace libraries it uses into one ES module;
 * npm packages stay external and load from node_modules. The app's tsconfig switches on
 * legacy decorators and their metadata, which Nest's dependency injection reads. The stack
 * runs it from the repository; the container images (apps/<name>/Dockerfile) run it too.
 */
export async function bundleService(repo: string, name: string): Promise<string> {
  const appDir = join(repo, 'apps', name);
  const file = bundlePath(repo, name);
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

export const buildService = (config: StackConfig, name: string): Promise<string> => bundleService(config.paths.repo, name);
