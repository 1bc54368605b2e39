import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { logFilePath } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { componentNames } from '../components/stack-components.ts';
import { SUPERVISOR } from '../supervision/supervisor.ts';
import { StackError } from '../terminal/stack-error.ts';

export async function logs(config: StackConfig, name: string | undefined, follow: boolean): Promise<void> {
  const names = [...componentNames(config), SUPERVISOR];
  if (!name || !names.includes(name)) {
    throw new StackError(`Say which component's log to show: npm run stack -- logs <${names.join('|')}> [--follow]`);
  }
  const file = logFilePath(config.paths, name);
  if (!existsSync(file)) throw new StackError(`${name} has no log yet (${file}); has it been started?`);
  if (!follow) {
    console.log(readFileSync(file, 'utf8').split('\n').slice(-200).join('\n'));
    return;
  }
  await new Promise<void>((resolvePromise) => spawn('tail', ['-n', '200', '-F', file], { stdio: 'inherit' }).on('close', () => resolvePromise()));
}
