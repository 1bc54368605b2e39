import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { accessPolicyServiceComponent } from './access-policy-service.ts';
import { auditServiceComponent } from './audit-service.ts';
import { identityServiceComponent } from './identity-service.ts';
import { ledgerServiceComponent } from './ledger-service.ts';
import { storageServiceComponent } from './storage-service.ts';
import { webServiceComponent } from './web-service.ts';

/** The GridLedger services `npm start` runs on top of the stack, in start order; the public entry last, after everything it routes to. */
export function platformServices(config: StackConfig): Component[] {
  return [identityServiceComponent(config), ledgerServiceComponent(config), storageServiceComponent(config), accessPolicyServiceComponent(config), auditServiceComponent(config), webServiceComponent(config)];
}
