import { runStackCommand } from './stack-command.ts';

/**
 * Brings the stack up through the same command a person runs, so tests see exactly what
 * `npm run stack -- up` gives them: starting what is down, doing nothing when all is healthy.
 */
export default function setup(): void {
  runStackCommand(['up'], 'inherit');
}
