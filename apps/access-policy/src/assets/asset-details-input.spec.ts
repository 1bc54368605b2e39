import { MAX_PRICE_CREDITS, MAX_TITLE_LENGTH } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../requests/request-input.ts';
import { assetDetailsSchema, retirementSchema } from './asset-details-input.ts';

describe("an owner's changes to an asset", () => {
  it('takes any of the details, trimmed, up to the chain limits', () => {
    expect(parseInput(assetDetailsSchema, { title: '  Feeder 12, 2026  ', priceCredits: MAX_PRICE_CREDITS })).toEqual({ title: 'Feeder 12, 2026', priceCredits: MAX_PRICE_CREDITS });
    expect(parseInput(assetDetailsSchema, { category: 'generation', sensitivity: 'critical', description: '' })).toEqual({ category: 'generation', sensitivity: 'critical', description: '' });
  });

  it.each<[string, unknown, RegExp]>([
    ['nothing to change', {}, /^body: name at least one of/],
    ['a blank title', { title: '   ' }, /^title:/],
    ['a title over the limit', { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, /^title:/],
    ['a negative price', { priceCredits: -1 }, /^priceCredits:/],
    ['a fractional price', { priceCredits: 1.5 }, /^priceCredits:/],
    ['an unknown category', { category: 'weather' }, /^category:/],
    ['a field that is not a detail', { status: 'active' }, /Unrecognized key/],
    ['the policy, which has its own route', { policy: {} }, /Unrecognized key/],
  ])('refuses %s with INVALID_ARGUMENT and the field', (_label, body, message) => {
    expect(() => parseInput(assetDetailsSchema, body)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }));
  });

  it('asks a retirement for its reason', () => {
    expect(parseInput(retirementSchema, { reason: ' superseded by the 2027 series ' })).toEqual({ reason: 'superseded by the 2027 series' });
    expect(() => parseInput(retirementSchema, {})).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^reason:/) }));
  });
});
