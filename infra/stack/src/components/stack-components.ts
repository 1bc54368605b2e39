import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from './component.ts';
import { fabricCaComponent } from './fabric-ca.ts';
import { fabricNodeComponents } from './fabric-nodes.ts';
import { kafkaComponents } from './kafka.ts';
import { kuboComponent } from './kubo.ts';
import { postgresComponent } from './postgres.ts';
import { platformServices } from '../services/platform-services.ts';

/** Everything but the chaincode server, which needs the deployed package id first. */
export function infrastructureComponents(config: StackConfig): Component[] {
  return [
    postgresComponent(config),
    ...kafkaComponents(config),
    kuboComponent(config),
    ...config.organizations.map((org) => fabricCaComponent(config, org)),
    ...fabricNodeComponents(config),
  ];
}

/** Names in start order, the services last; `down` stops them in reverse. */
export function componentNames(config: StackConfig): string[] {
  return [...infrastructureComponents(config).map((c) => c.name), 'chaincode', ...platformServices(config).map((s) => s.name)];
}
