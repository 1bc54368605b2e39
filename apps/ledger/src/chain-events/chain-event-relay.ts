import type { Network } from '@hyperledger/fabric-gateway';
import { chaincodeEventsOf } from './block-chaincode-events.ts';
import { toOutboxMessage, type OutboxMessage } from './chain-event-message.ts';
import type { ChainEventStore } from './chain-event-store.ts';

export interface RelayLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Follows the channel's blocks from the stored checkpoint (from the genesis block the first
 * time) and writes each block's chaincode events to the outbox with the checkpoint, one database
 * transaction per block: under load a block carries up to a hundred events, and one commit each
 * would leave the relay seconds behind the chain. When the stream breaks it reconnects from the
 * checkpoint, so a peer restart or a crash of this process leaves no gap.
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
        const blocks = await this.network().getBlockEvents({ startBlock: await this.store.resumeBlock() });
        this.closeStream = () => blocks.close();
        delay = 500;
        for await (const block of blocks) {
          const blockNumber = BigInt(block.getHeader()?.getNumber() ?? 0);
          const messages: OutboxMessage[] = [];
          for (const event of chaincodeEventsOf(block, this.chaincode)) {
            const mapped = toOutboxMessage(event);
            if ('message' in mapped) messages.push(mapped.message);
            else {
              this.skipped++;
              this.logger.warn(`skipping ${event.transactionId}: ${mapped.skipped}`);
            }
          }
          await this.store.recordBlock(blockNumber, messages);
          this.relayed += messages.length;
        }
      } catch (error) {
        if (this.stopped) break;
        this.logger.warn(`block stream broke (${(error as Error).message}); resuming from the checkpoint in ${delay} ms`);
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
