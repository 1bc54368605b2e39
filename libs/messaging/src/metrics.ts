/**
 * Counters for one process's messaging. Deliberately a plain object: a service exposes them on its
 * health or metrics endpoint however it likes, and tests read them directly.
 */
export class MessagingMetrics {
  /** outbox rows sent to Kafka (a re-send after a crash counts again) */
  produced = 0;
  /** messages taken from Kafka by a consumer, one per delivery */
  consumed = 0;
  /** deliveries whose handler ran and committed */
  applied = 0;
  /** deliveries skipped because their event id was already processed by the group */
  duplicates = 0;
  /** deliveries the consumer judged not its business from the event alone, with no database work */
  skipped = 0;
  /** handler attempts that failed and were tried again */
  retried = 0;
  /** deliveries sent to a dead-letter topic */
  deadLettered = 0;
  /** outbox rows sent again in a fresh transaction because the Kafka client retried their send (see SendRetryWatch) */
  resent = 0;

  snapshot(): { produced: number; consumed: number; applied: number; duplicates: number; skipped: number; retried: number; deadLettered: number; resent: number } {
    const { produced, consumed, applied, duplicates, skipped, retried, deadLettered, resent } = this;
    return { produced, consumed, applied, duplicates, skipped, retried, deadLettered, resent };
  }
}
