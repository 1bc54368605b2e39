import { isOneOf } from './one-of.ts';

/** What kind of power data an asset holds. */
export const ASSET_CATEGORIES = ['load-curve', 'generation', 'substation-measurement', 'consumption-statistics', 'other'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export const isAssetCategory = isOneOf(ASSET_CATEGORIES);

export const SENSITIVITIES = ['public', 'internal', 'sensitive', 'critical'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const isSensitivity = isOneOf(SENSITIVITIES);

/** Sensitive and critical data flows only after the regulator approves each grant. */
export const needsRegulatorApproval = (sensitivity: Sensitivity): boolean => sensitivity === 'sensitive' || sensitivity === 'critical';

export const ASSET_STATUSES = ['active', 'frozen', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const isAssetStatus = isOneOf(ASSET_STATUSES);
