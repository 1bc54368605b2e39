import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadStackConfig } from './config/stack-config.ts';

/**
 * `npm run bench [-- <app>]`: runs every apps/<app>/bench/*.bench.ts against the running
 * platform. Benchmarks write their figures to dist/bench/; they are not tests and assert nothing.
 */
const { repo } = loadStackConfig().paths;
const only = process.argv[2];
const apps = readdirSync(join(repo, 'apps')).filter((app) => (!only || app === only) && existsSync(join(repo, 'apps', app, 'bench')));
let failed = false;
for (const app of apps) {
  for (const file of readdirSync(join(repo, 'apps', app, 'bench')).filter((f) => f.endsWith('.bench.ts'))) {
    console.log(`\n== ${app}/${file}`);
    // benchmarks may import workspace libraries, through the same resolve hook as the stack CLI
    const result = spawnSync(process.execPath, ['--import', './infra/stack/src/runtime/workspace-paths.ts', join('apps', app, 'bench', file)], { cwd: repo, stdio: 'inherit' });
    failed ||= result.status !== 0;
  }
}
process.exit(failed ? 1 : 0);
