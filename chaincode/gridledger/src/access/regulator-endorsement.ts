import { REGULATOR_MSP } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';

/**
 * State-based endorsement: from now on, no transaction can change this request unless the
 * regulator's peer (and the owner organisation's) endorse it. Even if the other organisations
 * colluded under the chaincode's majority policy, they could not write a grant for sensitive
 * data that the regulator's own peer did not sign.
 */
export async function requireRegulatorEndorsement(ctx: Context, stateKey: string, ownerMspId: string): Promise<void> {
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs('PEER', ...new Set([REGULATOR_MSP, ownerMspId]));
  await ctx.stub.setStateValidationParameter(stateKey, policy.getPolicy());
}
