import { expectThrows, requestInput, type Json } from '../test-support/fixtures.ts';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_DURATION_SECONDS } from '@gridledger/domain';
import { parseAccessRequest, parseReason } from './request-input.ts';

describe('parseAccessRequest', () => {
  it('parses a request, taking a decimal-string duration', () => {
    expect(parseAccessRequest(requestInput('r1', 'a1', { durationSeconds: '3600' }))).toEqual({ requestId: 'r1', assetId: 'a1', purpose: 'grid-planning', durationSeconds: 3600 });
  });

  it.each<[string, Json, RegExp]>([
    ['an unknown field', { priceCredits: 0 }, /request has unknown field\(s\): priceCredits/],
    ['a malformed request id', { requestId: 'r 1' }, /requestId may hold only/],
    ['a malformed asset id', { assetId: '' }, /assetId must be 1 to 128/],
    ['an empty purpose', { purpose: '' }, /purpose must be 1 to 64/],
    ['an oversize purpose', { purpose: 'p'.repeat(65) }, /purpose must be 1 to 64/],
    ['a zero duration', { durationSeconds: 0 }, /durationSeconds must be between 1 and/],
    ['a negative duration', { durationSeconds: -60 }, /durationSeconds must be between 1 and/],
    ['an absurd duration', { durationSeconds: MAX_POLICY_DURATION_SECONDS + 1 }, /durationSeconds must be between 1 and 315360000/],
    ['a fractional duration', { durationSeconds: 1.5 }, /durationSeconds must be a whole number/],
  ])('refuses %s', (_label, overrides, message) => {
    expectThrows(() => parseAccessRequest(requestInput('r1', 'a1', overrides)), 'INVALID_ARGUMENT', message);
  });
});

describe('parseReason', () => {
  it('accepts 1 to 500 characters', () => {
    expect(parseReason('ok')).toBe('ok');
    expect(parseReason('r'.repeat(500))).toHaveLength(500);
    expectThrows(() => parseReason(''), 'INVALID_ARGUMENT', /reason must be 1 to 500/);
    expectThrows(() => parseReason('r'.repeat(501)), 'INVALID_ARGUMENT', /reason must be 1 to 500/);
    expectThrows(() => parseReason(undefined), 'INVALID_ARGUMENT', /reason must be a string/);
  });
});
