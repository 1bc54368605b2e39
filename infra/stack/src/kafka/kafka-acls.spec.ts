import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { aclEntries, staleAcls } from './kafka-acls.ts';

const { AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** The broker's answer to describeAcls for these entries: grouped by resource, as Kafka lists them. */
function described(entries: ReturnType<typeof aclEntries>) {
  const byResource = new Map<string, { resourceType: number; resourceName: string; resourcePatternType: number; acls: { principal: string; host: string; operation: number; permissionType: number }[] }>();
  for (const { resourceType, resourceName, resourcePatternType, ...acl } of entries) {
    const id = `${resourceType}/${resourceName}/${resourcePatternType}`;
    const resource = byResource.get(id) ?? { resourceType, resourceName, resourcePatternType, acls: [] };
    resource.acls.push(acl);
    byResource.set(id, resource);
  }
  return [...byResource.values()];
}

describe('staleAcls', () => {
  const granted = aclEntries('storage', [
    { resource: 'topic', name: 'gridledger.storage.', pattern: 'prefixed', operations: ['WRITE', 'DESCRIBE'] },
    { resource: 'group', name: 'gridledger-storage', pattern: 'prefixed', operations: ['READ'] },
  ]);

  it('deletes nothing when the broker holds what is granted', () => {
    expect(staleAcls(described(granted), granted)).toEqual([]);
  });

  it('names exactly the entries no longer granted, so a narrowed table narrows the broker', () => {
    const narrowed = aclEntries('storage', [{ resource: 'group', name: 'gridledger-storage', pattern: 'prefixed', operations: ['READ'] }]);
    const stale = staleAcls(described(granted), narrowed);
    expect(stale).toHaveLength(2);
    expect(stale.every((entry) => entry.resourceType === AclResourceTypes.TOPIC && entry.resourceName === 'gridledger.storage.' && entry.resourcePatternType === ResourcePatternTypes.PREFIXED)).toBe(true);
  });

  it('deletes everything of a principal granted nothing', () => {
    expect(staleAcls(described(granted), [])).toHaveLength(granted.length);
  });
});
