import { ASSET_CATEGORIES, MAX_DESCRIPTION_LENGTH, MAX_PRICE_CREDITS, MAX_TITLE_LENGTH, SENSITIVITIES } from '@gridledger/domain';
import { z } from 'zod';

/**
 * What an owner may change about an asset besides its policy (which has its own route): the
 * chaincode's limits, so a change the chain would refuse gets a clear 400 here first. Sensitivity
 * may only go up; the chaincode says so with its own sentence.
 */
export const assetDetailsSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    description: z.string().max(MAX_DESCRIPTION_LENGTH),
    category: z.enum(ASSET_CATEGORIES),
    sensitivity: z.enum(SENSITIVITIES),
    priceCredits: z.number().int().min(0).max(MAX_PRICE_CREDITS),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one of title, description, category, sensitivity, priceCredits' });

export type AssetDetails = z.infer<typeof assetDetailsSchema>;

/** Why the owner retires an asset: kept on chain and shown in its lineage. */
export const retirementSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
