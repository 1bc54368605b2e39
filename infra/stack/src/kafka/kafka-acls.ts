import kafkajs, { type AclEntry } from 'kafkajs';
import type { StackConfig } from '../config/stack-config.ts';
import type { AclGrant } from './kafka-access.ts';
import { stackKafka } from './stack-kafka.ts';

// kafkajs is CommonJS and Node's ESM loader cannot see these enums as named exports
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const RESOURCE = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP, 'transactional-id': AclResourceTypes.TRANSACTIONAL_ID, cluster: AclResourceTypes.CLUSTER } as const;
const PATTERN = { literal: ResourcePatternTypes.LITERAL, prefixed: ResourcePatternTypes.PREFIXED } as const;

export function aclEntries(principal: string, grants: readonly AclGrant[]): AclEntry[] {
  return grants.flatMap((grant) =>
    grant.operations.map((operation) => ({
      resourceType: RESOURCE[grant.resource],
      resourceName: grant.name,
      resourcePatternType: PATTERN[grant.pattern],
      principal: `User:${principal}`,
      host: '*',
      operation: AclOperationTypes[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

/**
 * Makes the broker's ACLs for `principal` exactly `grants`: what is missing is created, what is
 * no longer granted is deleted, so a narrowed table narrows the broker too.
 */
export async function applyAcls(config: StackConfig, principal: string, grants: readonly AclGrant[]): Promise<void> {
  const admin = stackKafka(config).admin();
  await admin.connect();
  try {
    await admin.deleteAcls({ filters: [anyAclOf(principal)] });
    const entries = aclEntries(principal, grants);
    if (entries.length > 0) await admin.createAcls({ acl: entries });
  } finally {
    await admin.disconnect();
  }
}

export async function removeAcls(config: StackConfig, principal: string): Promise<void> {
  const admin = stackKafka(config).admin();
  await admin.connect();
  try {
    await admin.deleteAcls({ filters: [anyAclOf(principal)] });
  } finally {
    await admin.disconnect();
  }
}

// an absent name or host matches any (kafkajs sends null for undefined)
const anyAclOf = (principal: string) => ({
  resourceType: AclResourceTypes.ANY,
  resourceName: undefined as unknown as string,
  resourcePatternType: ResourcePatternTypes.ANY,
  principal: `User:${principal}`,
  host: undefined as unknown as string,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
});
