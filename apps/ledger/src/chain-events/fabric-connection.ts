import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, signers, type Gateway } from '@hyperledger/fabric-gateway';
import type { LedgerConfig } from '../config/ledger-config.ts';

/** The ledger service's own gateway connection, as its organisation's service identity. */
export function connectFabric(config: LedgerConfig): { gateway: Gateway; close(): void } {
  const client = new grpc.Client(config.LEDGER_PEER_ENDPOINT, grpc.credentials.createSsl(readFileSync(config.LEDGER_PEER_TLS_ROOT_CERT)), {
    'grpc.ssl_target_name_override': config.LEDGER_PEER_HOST_ALIAS,
  });
  const gateway = connect({
    client,
    identity: { mspId: config.LEDGER_MSP_ID, credentials: readFileSync(config.LEDGER_IDENTITY_CERT) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(config.LEDGER_IDENTITY_KEY))),
    evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 10_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  return {
    gateway,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
