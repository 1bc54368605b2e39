/**
 * The attributes an organisation's Fabric CA writes into a platform user's certificate, and
 * the only ones the chaincode reads to decide who is calling.
 */
export const ROLE_ATTRIBUTE = 'gridledger.role';
export const UID_ATTRIBUTE = 'gridledger.uid';
