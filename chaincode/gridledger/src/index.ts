import { AccessContract } from './contracts/access.contract.ts';
import { DataAssetContract } from './contracts/asset.contract.ts';
import { LineageContract } from './contracts/lineage.contract.ts';
import { SettlementContract } from './contracts/settlement.contract.ts';
import { SupervisionContract } from './contracts/supervision.contract.ts';
import { SystemContract } from './contracts/system.contract.ts';

export { AccessContract, DataAssetContract, LineageContract, SettlementContract, SupervisionContract, SystemContract };

/** fabric-chaincode-node loads the contracts from this export; `system` answers when no name is given. */
export const contracts = [SystemContract, DataAssetContract, AccessContract, SettlementContract, SupervisionContract, LineageContract];
