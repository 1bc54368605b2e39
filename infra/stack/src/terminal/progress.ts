const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/**
 * Runs one long step with a visible indicator: a spinner with elapsed time on a terminal,
 * and in CI logs a start line, a heartbeat every 30 s and the duration, so a slow Go build
 * never looks like a hang.
 */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const tty = Boolean(process.stdout.isTTY);
  let frame = 0;
  const elapsed = (): string => formatDuration(Date.now() - started);
  const timer = tty
    ? setInterval(() => {
        process.stdout.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label} (${elapsed()})\x1b[K`);
      }, 100)
    : setInterval(() => console.log(`  … ${label}: still working (${elapsed()})`), 30_000);
  if (!tty) console.log(`• ${label} …`);
  try {
    const result = await work();
    clearInterval(timer);
    if (tty) process.stdout.write('\r\x1b[K');
    console.log(`✔ ${label} (${elapsed()})`);
    return result;
  } catch (error) {
    clearInterval(timer);
    if (tty) process.stdout.write('\r\x1b[K');
    console.log(`✘ ${label} (${elapsed()})`);
    throw error;
  }
}
