import { Partitioners, type ICustomPartitioner } from 'kafkajs';

/**
 * Tells whether kafkajs retried a send, which makes the send untrustworthy.
 *
 * kafkajs sends a batch as one Produce request per leader broker, in parallel, and keeps each
 * broker's answer. When one request fails with a retriable error (CONCURRENT_TRANSACTIONS, which
 * a coordinator answers while it still writes the last transaction's markers; a leader that
 * moved) it retries at once, and its retry goes wrong two ways on a cluster of several brokers:
 *
 * - a broker whose request was still in flight is sent the same records again, under the next
 *   sequence numbers, so it stores them twice (inside a transaction, both copies commit);
 * - a partition whose leader moved to a broker that had already answered is not sent at all,
 *   and the send still resolves as if it had been.
 *
 * Both were seen on the ha topology's three brokers (events delivered twice, and one chain event
 * never delivered, by the chaos suite). kafkajs assigns every record its partition again on each
 * attempt, so a counted partitioner shows a retry: more calls than records.
 */
export class SendRetryWatch {
  private calls = 0;

  /** The producer's partitioner: kafkajs's default, counted. */
  readonly createPartitioner: ICustomPartitioner = () => {
    const partition = Partitioners.DefaultPartitioner();
    return (args) => {
      this.calls += 1;
      return partition(args);
    };
  };

  /** Call before each send. */
  begin(): void {
    this.calls = 0;
  }

  /** Whether the send of `records` records since `begin()` was retried by kafkajs. */
  retried(records: number): boolean {
    return this.calls > records;
  }
}
