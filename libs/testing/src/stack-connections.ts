import { connectionInfo, loadConnectionConfig, type OrganizationConnection, type StackConnectionInfo } from '@gridledger/stack-connection';

let cached: StackConnectionInfo | undefined;

/** Addresses and credentials of the running stack (the global setup has brought it up). */
export function stackConnections(): StackConnectionInfo {
  cached ??= connectionInfo(loadConnectionConfig());
  return cached;
}

export function organization(mspId: string): OrganizationConnection {
  const org = stackConnections().fabric.organizations.find((o) => o.mspId === mspId);
  if (!org) throw new Error(`No organisation ${mspId} in the stack; it has ${stackConnections().fabric.organizations.map((o) => o.mspId).join(', ')}.`);
  return org;
}
