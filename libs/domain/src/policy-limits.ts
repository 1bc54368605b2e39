/**
 * The bounds of an asset's access policy, for everyone who checks one: the chaincode, the
 * storage service's upload, the access-policy service and the dashboard's policy editor.
 *
 * These are the chaincode's bounds, kept as they were: every policy already on chain was
 * accepted within them, so any tighter bound would make stored assets' policies invalid when
 * they are edited or re-read. A service that wants a stricter house rule may say so in its own
 * words; it must not refuse what the chain accepts without saying why.
 */
export const MAX_POLICY_DURATION_SECONDS = 10 * 365 * 24 * 3600;
/** the most versions one subscription may pay for: ten years of monthly data */
export const MAX_SUBSCRIPTION_VERSIONS = 120;
/** key releases plus platform downloads one grant allows */
export const MAX_POLICY_DOWNLOADS = 1_000_000;
