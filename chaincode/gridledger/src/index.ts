import { SystemContract } from './contracts/system.contract.ts';

export { SystemContract };
/** fabric-chaincode-node loads the contracts from this export. */
export const contracts: (typeof SystemContract)[] = [SystemContract];
