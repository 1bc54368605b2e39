import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { kafkaComponents } from '../components/kafka.ts';
import { accessPolicyServiceComponent } from './access-policy-service.ts';
import { auditServiceComponent } from './audit-service.ts';
import { identityServiceComponent } from './identity-service.ts';
import { ledgerServiceComponent } from './ledger-service.ts';
import { storageServiceComponent } from './storage-service.ts';
import { webServiceComponent } from './web-service.ts';

/**
 * The GridLedger services `npm start` runs on top of the stack, in start order; the public entry
 * last, after everything it routes to. Each service is followed by its further replicas (the ha
 * topology), started the same way.
 */
export function platformServices(config: StackConfig): Component[] {
  // every service but the public entry boots against its database and Kafka, and exits when it cannot
  const needs = [['postgres'], kafkaComponents(config).map((node) => node.name)];
  const backends = [identityServiceComponent(config), ledgerServiceComponent(config), storageServiceComponent(config), accessPolicyServiceComponent(config), auditServiceComponent(config)];
  const services = [...backends.map((service) => ({ ...service, needs })), webServiceComponent(config)];
  if (config.topology.serviceReplicas === 1) return services;
  // the port is shared, so "held by another process" is no reason to refuse a start: the holder
  // may be the service's other replica (restarted one after the other by `start`)
  return services.flatMap((service) => [{ ...service, ports: [] }, ...furtherReplicas(config, service)]);
}

/**
 * Replica n of a service is the same process under the name `<service>-n`. It binds the same
 * port (the services listen with SO_REUSEPORT), so it has no port of its own to check, and
 * nothing to prepare: the first replica built the bundle and wrote the configuration.
 */
function furtherReplicas(config: StackConfig, service: Component): Component[] {
  return Array.from({ length: config.topology.serviceReplicas - 1 }, (_, i) => {
    const name = `${service.name}-${i + 2}`;
    return {
      ...service,
      name,
      address: `${service.address} (replica ${i + 2}, same port)`,
      ports: [],
      prepare: async () => undefined,
      daemon: () => ({ ...service.daemon(), name }),
    };
  });
}
