import type { CommandStore } from '../commands/command-store.ts';
import type { IdentityClient } from './identity-client.ts';

export interface ReceiptLog {
  log(message: string): void;
  warn(message: string): void;
}

/** Attestations shown to the identity service per call; its limit is 500. */
const RECEIPTS_PER_CALL = 500;
/** A look for commands no wake-up announced (an intake that committed after the last look). */
const IDLE_LOOK_MS = 500;
const RETRY_AFTER_MS = 2_000;

/**
 * Shows each recorded user command's attestation to the identity service right after the
 * command is recorded, while the attestation is still valid (two minutes), so that the command
 * is signed as of its arrival even when it waits longer than that in a backlog. It runs ahead of
 * the pipeline: 500 commands a call, against the pipeline's few hundred in flight. A command the
 * pipeline signs before its receipt is taken is signed within its attestation's lifetime anyway.
 */
export class AttestationReceiptTaker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  taken = 0;

  constructor(
    private readonly store: CommandStore,
    private readonly identity: Pick<IdentityClient, 'receiveAttestations'>,
    private readonly logger: ReceiptLog,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Commands were recorded: look now rather than at the next idle look. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Takes the receipts of one slice of waiting commands; how many there were. */
  async takeOnce(): Promise<number> {
    const waiting = await this.store.awaitingReceipt(RECEIPTS_PER_CALL);
    if (waiting.length === 0) return 0;
    const { results } = await this.identity.receiveAttestations(waiting);
    waiting.forEach((command, i) => {
      const result = results[i];
      if (result && 'error' in result) this.logger.warn(`no receipt for command ${command.commandId}'s attestation (${result.error.code}): ${result.error.message}; its signature request will answer it`);
    });
    await this.store.markReceiptTaken(waiting.map((command) => command.commandId));
    this.taken += waiting.length;
    return waiting.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let pause = IDLE_LOOK_MS;
      try {
        // a full slice means more are waiting: go on at once
        if ((await this.takeOnce()) === RECEIPTS_PER_CALL) continue;
      } catch (error) {
        // the identity service or the database is away: the commands wait, their receipts are tried again
        this.logger.warn(`taking attestation receipts failed (${(error as Error).message}); trying again in ${RETRY_AFTER_MS} ms`);
        pause = RETRY_AFTER_MS;
      }
      // after a failure only the retry delay ends the wait: intake wakes it far more often than that
      if (pause === RETRY_AFTER_MS) await new Promise((resolve) => setTimeout(resolve, pause));
      else if (this.running && !this.woken) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
