import { runCli } from './cli.ts';

// the first Ctrl-C stops the download and removes the partial file; a second one kills the process
const interrupt = new AbortController();
const onInterrupt = (): void => interrupt.abort();
process.once('SIGINT', onInterrupt);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupt.signal,
});
process.off('SIGINT', onInterrupt);
