import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadStackConfig } from './config/stack-config.ts';

/**
 * `npm run bench [-- <name>]`: runs every apps/<app>/bench/*.bench.ts against the running
 * platform, or only those of the app named. `npm run bench -- soak` runs tests/soak, which takes
 * half an hour and so runs only when named. Benchmarks write their figures to dist/bench/; they
 * are not tests and assert nothing.
 */
const { repo } = loadStackConfig().paths;
const only = process.argv[2];
const benchDirs =
  only === 'soak'
    ? [join('tests', 'soak')]
    : readdirSync(join(repo, 'apps'))
        .filter((app) => (!only || app === only) && existsSync(join(repo, 'apps', app, 'bench')))
        .map((app) => join('apps', app, 'bench'));
if (benchDirs.length === 0) {
  console.error(`No benchmark named ${only}: name an app with a bench/ folder, or soak.`);
  process.exit(1);
}
let failed = false;
for (const dir of benchDirs) {
  for (const file of readdirSync(join(repo, dir)).filter((f) => f.endsWith('.bench.ts'))) {
    console.log(`\n== ${join(dir, file)}`);
    // benchmarks may import workspace libraries, through the same resolve hook as the stack CLI
    const result = spawnSync(process.execPath, ['--import', './infra/stack/src/runtime/workspace-paths.ts', join(dir, file)], { cwd: repo, stdio: 'inherit' });
    failed ||= result.status !== 0;
  }
}
process.exit(failed ? 1 : 0);
