import type { Component } from '../components/component.ts';

/**
 * The groups of `component.needs` none of whose members is healthy: what it would die waiting
 * for if it were restarted now. Each group is satisfied by any one member (one Kafka node of
 * three is enough to boot against); a group naming nothing the stack runs is ignored.
 */
export async function unmetNeeds(component: Pick<Component, 'needs'>, healthy: (name: string) => Promise<boolean> | undefined): Promise<string[][]> {
  const unmet: string[][] = [];
  for (const group of component.needs ?? []) {
    const checks = group.map((name) => healthy(name)).filter((check): check is Promise<boolean> => check !== undefined);
    if (checks.length === 0) continue;
    if (!(await Promise.all(checks)).some(Boolean)) unmet.push([...group]);
  }
  return unmet;
}
