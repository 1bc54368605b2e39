import type { Answer, SubmitCommand } from './command-processor.ts';
import type { CommandStore, PendingCommand } from './command-store.ts';

export interface PipelineLog {
  warn(message: string): void;
}

export interface PipelineOptions {
  /** commands driven at once; each mostly waits on the network, so this can be in the hundreds */
  maxInFlight: number;
  /** unanswered commands read per scan, oldest first */
  scanLimit: number;
  /** a scan also runs this often, for commands recorded while nothing woke the pipeline */
  idleScanMs: number;
}

/**
 * Drives recorded commands from the database to their answers, many at once, with no database
 * connection held while a command waits on the network.
 *
 * Per Kafka key (one aggregate) only the oldest unanswered command is in flight: the next one
 * starts after the previous one's answer is committed, so their transactions reach the chain in
 * the order the commands arrived. Everything the pipeline knows is in the database, so after a
 * crash the next process picks up exactly where it stopped: unanswered rows, with the signed
 * transaction of those that had one.
 */
export class CommandPipeline {
  private readonly inFlight = new Map<string, { key: string; done: Promise<void> }>();
  private scanning = false;
  private rescan = false;
  private scheduled: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: CommandStore,
    private readonly drive: (pending: PendingCommand) => Promise<Answer>,
    private readonly saveAnswer: (entry: { command: SubmitCommand; answer: Answer }) => Promise<void>,
    private readonly options: PipelineOptions,
    private readonly logger: PipelineLog,
  ) {}

  get size(): number {
    return this.inFlight.size;
  }

  start(): void {
    this.stopped = false;
    this.idle = setInterval(() => this.wake(), this.options.idleScanMs);
    this.wake();
  }

  /** Something changed (a command recorded or answered): scan soon, once for many wake-ups. */
  wake(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      void this.scan();
    }, 5);
  }

  /** Starts nothing more and waits (a while) for the commands in flight. */
  async stop(waitMs = 5_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.idle);
    clearTimeout(this.scheduled);
    await Promise.race([Promise.allSettled([...this.inFlight.values()].map((f) => f.done)), new Promise((resolve) => setTimeout(resolve, waitMs))]);
  }

  private async scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      do {
        this.rescan = false;
        if (this.stopped || this.inFlight.size >= this.options.maxInFlight) break;
        const queue = await this.store.queue(this.options.scanLimit);
        const busyKeys = new Set([...this.inFlight.values()].map((f) => f.key));
        const toStart: string[] = [];
        for (const head of queue) {
          // a key's later commands wait behind its oldest unanswered one
          if (busyKeys.has(head.key)) continue;
          busyKeys.add(head.key);
          if (this.inFlight.size + toStart.length >= this.options.maxInFlight) break;
          toStart.push(head.commandId);
        }
        if (toStart.length > 0) for (const pending of await this.store.load(toStart)) this.run(pending);
      } while (this.rescan && !this.stopped);
    } catch (error) {
      this.logger.warn(`cannot read the command queue (${(error as Error).message}); trying again`);
    } finally {
      this.scanning = false;
    }
  }

  private run(pending: PendingCommand): void {
    const { commandId } = pending.command;
    if (this.inFlight.has(commandId)) return;
    const done = (async () => {
      try {
        const answer = await this.drive(pending);
        await this.saveAnswer({ command: pending.command, answer });
      } catch (error) {
        // left unanswered in the database: the next scan drives it again from its record
        this.logger.warn(`command ${commandId} is not answered yet (${(error as Error).message}); it will be taken up again`);
      } finally {
        this.inFlight.delete(commandId);
        this.wake();
      }
    })();
    this.inFlight.set(commandId, { key: pending.key, done });
  }
}
