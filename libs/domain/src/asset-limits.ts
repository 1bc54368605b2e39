/**
 * How long an asset's title and description may be, and the highest price, in credits: what the
 * chaincode accepts, so the upload, the owner's edits and the dashboard refuse the same things.
 */
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_PRICE_CREDITS = 1_000_000_000;
