/**
 * `npm run -s gridledger -- <command> …`: bundles the CLI when its sources (or file-crypto's)
 * are newer than the bundle, then runs it in this process. Plain Node (type stripping), so it
 * needs nothing but the repository's node_modules.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const appDir = join(repo, 'apps', 'cli');
const bundle = join(repo, 'dist', 'apps', 'cli', 'main.mjs');
const sourceDirs = [join(appDir, 'src'), join(repo, 'libs', 'file-crypto', 'src')];

async function newestSource(dirs: string[]): Promise<number> {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

async function bundleIsFresh(): Promise<boolean> {
  const built = await stat(bundle).catch(() => undefined);
  return built !== undefined && built.mtimeMs >= (await newestSource(sourceDirs));
}

/** Same options as infra/stack's build-service.ts; each file is written aside and renamed, so a concurrent run never loads half a bundle. */
async function buildBundle(): Promise<void> {
  const output = await build({
    input: join(appDir, 'src', 'main.ts'),
    platform: 'node',
    tsconfig: join(appDir, 'tsconfig.json'),
    // workspace libraries and the compiler's own helpers are bundled; npm packages are not
    external: (id) => !/^(\.|\/|\0|@gridledger\/|@oxc-project\/runtime)/.test(id),
    output: { file: bundle, format: 'esm', sourcemap: true },
    logLevel: 'warn',
    write: false,
  });
  const outDir = dirname(bundle);
  await mkdir(outDir, { recursive: true });
  // the source map first, so that main.mjs never points at a map of another build
  const files = [...output.output].sort((a, b) => Number(a.type === 'chunk') - Number(b.type === 'chunk'));
  for (const file of files) {
    const target = join(outDir, file.fileName);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(temp, file.type === 'chunk' ? file.code : file.source);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }
}

if (!(await bundleIsFresh())) {
  try {
    await buildBundle();
  } catch (error) {
    console.error(`gridledger: cannot build the CLI: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// npm runs scripts from the repository root; relative paths on the command line mean the caller's directory
if (process.env['npm_lifecycle_event'] === 'gridledger' && process.env['INIT_CWD'] !== undefined) process.chdir(process.env['INIT_CWD']);

process.argv = [process.argv[0] ?? process.execPath, bundle, ...process.argv.slice(2)];
await import(pathToFileURL(bundle).href);
