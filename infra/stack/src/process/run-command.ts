import { spawn } from 'node:child_process';
import { StackError } from '../terminal/stack-error.ts';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** run as this uid/gid (PostgreSQL refuses to run as root) */
  uid?: number;
  gid?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and captures its output; a failure carries the output's tail. */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined;
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      const what = error.code === 'ENOENT' ? `${command} was not found` : error.message;
      reject(new StackError(`Could not run ${command}: ${what}.`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code === 0) {
        resolvePromise({ stdout, stderr });
        return;
      }
      const name = `${command.split('/').pop()} ${args.slice(0, 3).join(' ')}`;
      const why = signal ? `was killed (${signal}${options.timeoutMs ? ', time-out' : ''})` : `exited with ${code}`;
      const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-12).join('\n');
      reject(new StackError(`${name} ${why}.`, tail));
    });
  });
}
