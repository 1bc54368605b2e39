import type { CloudEvent } from '@gridledger/contracts';
import type { DeliveryMeta } from '@gridledger/messaging';
import { BaseRpcContext } from '@nestjs/microservices';
import type pg from 'pg';

/** One event's delivery: the transaction to apply it in, which also records its id, and where it came from. */
export class InboxContext extends BaseRpcContext<[pg.PoolClient, DeliveryMeta]> {
  get tx(): pg.PoolClient {
    return this.getArgByIndex(0);
  }

  get meta(): DeliveryMeta {
    return this.getArgByIndex(1);
  }
}

/** A batch's delivery: the one transaction every event of the batch is applied and recorded in. */
export class InboxBatchContext extends BaseRpcContext<[pg.PoolClient]> {
  get tx(): pg.PoolClient {
    return this.getArgByIndex(0);
  }
}

/** What a batch handler's `@Payload()` is. */
export type InboxDeliveries<T> = { event: CloudEvent<T>; meta: DeliveryMeta }[];
