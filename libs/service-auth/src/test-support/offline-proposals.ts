import * as grpc from '@grpc/grpc-js';
import { connect, type Proposal } from '@hyperledger/fabric-gateway';

/**
 * Builds a real proposal with fabric-gateway, as the ledger service does, without contacting any
 * network: building is offline, and the client points at a port nothing listens on.
 */
export function buildProposal(options: { mspId: string; certificatePem: string; channel: string; chaincode: string; contract: string; transaction: string; arguments?: string[]; transientData?: Record<string, string> }): Proposal {
  const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
  const gateway = connect({ client, identity: { mspId: options.mspId, credentials: Buffer.from(options.certificatePem) } });
  try {
    const contract = gateway.getNetwork(options.channel).getContract(options.chaincode, options.contract);
    return contract.newProposal(options.transaction, { arguments: options.arguments ?? [], ...(options.transientData ? { transientData: options.transientData } : {}) });
  } finally {
    gateway.close();
    client.close();
  }
}
