import type { Network } from '@hyperledger/fabric-gateway';
import { toOutboxMessage } from './chain-event-message.ts';
import type { ChainEventStore } from './chain-event-store.ts';

export interface RelayLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Follows the chaincode's events from the stored checkpoint (from the genesis block the first
 * time) and writes each to the outbox with the checkpoint. When the stream breaks it reconnects
 * from the checkpoint, so a peer restart or a crash of this process leaves no gap.
 */
export class ChainEventRelay {
  private stopped = false;
  private closeStream: (() => void) | undefined;
  relayed = 0;
  skipped = 0;

  constructor(
    /** called on every (re)connection, so a resumed stream may come from another peer */
    private readonly network: () => Network,
    private readonly chaincode: string,
    private readonly store: ChainEventStore,
    private readonly logger: RelayLog,
  ) {}

  async run(): Promise<void> {
    let delay = 500;
    while (!this.stopped) {
      try {
        const events = await this.network().getChaincodeEvents(this.chaincode, { checkpoint: await this.store.checkpoint(), startBlock: 0n });
        this.closeStream = () => events.close();
        delay = 500;
        for await (const event of events) {
          const mapped = toOutboxMessage(event);
          if ('skipped' in mapped) {
            this.skipped++;
            this.logger.warn(`skipping ${event.transactionId}: ${mapped.skipped}`);
          }
          await this.store.record(event.blockNumber, event.transactionId, 'message' in mapped ? mapped.message : undefined);
          if ('message' in mapped) this.relayed++;
        }
      } catch (error) {
        if (this.stopped) break;
        this.logger.warn(`chaincode event stream broke (${(error as Error).message}); resuming from the checkpoint in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.closeStream?.();
  }
}
