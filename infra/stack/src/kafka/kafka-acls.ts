import kafkajs, { type AclEntry, type DescribeAclResource } from 'kafkajs';
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
 * no longer granted is deleted, so a narrowed table narrows the broker too. Granted first and
 * narrowed after, and only what changed: `up` runs this while the services run, and deleting all of
 * a principal's ACLs before creating them again refused its running consumers their own group for
 * a moment (GROUP_AUTHORIZATION_FAILED, which kafkajs does not retry: the consumer stopped for good).
 */
export async function applyAcls(config: StackConfig, principal: string, grants: readonly AclGrant[]): Promise<void> {
  const admin = stackKafka(config).admin();
  await admin.connect();
  try {
    const wanted = aclEntries(principal, grants);
    // creating an ACL that exists changes nothing
    if (wanted.length > 0) await admin.createAcls({ acl: wanted });
    const stale = staleAcls((await admin.describeAcls(anyAclOf(principal))).resources, wanted);
    if (stale.length > 0) await admin.deleteAcls({ filters: stale });
  } finally {
    await admin.disconnect();
  }
}

/** The entries the broker holds (as describeAcls lists them) that `wanted` does not. */
export function staleAcls(held: readonly DescribeAclResource[], wanted: readonly AclEntry[]): AclEntry[] {
  const key = (e: AclEntry) => [e.resourceType, e.resourceName, e.resourcePatternType, e.principal, e.host, e.operation, e.permissionType].join('\u0000');
  const keep = new Set(wanted.map(key));
  return held.flatMap(({ acls, ...resource }) => acls.map((acl) => ({ ...resource, ...acl }))).filter((entry) => !keep.has(key(entry)));
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
