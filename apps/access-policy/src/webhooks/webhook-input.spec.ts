import { describe, expect, it } from 'vitest';
import { webhookSchema } from './webhook-input.ts';

describe('webhookSchema', () => {
  it('takes a URL and known event types', () => {
    expect(webhookSchema.parse({ url: ' https://hooks.example.org/in ', eventTypes: ['request.awaiting-owner', 'key.released'] })).toEqual({ url: 'https://hooks.example.org/in', eventTypes: ['request.awaiting-owner', 'key.released'] });
  });

  it('refuses an unknown event type with its own code, no event type, and unknown fields', () => {
    const unknown = webhookSchema.safeParse({ url: 'https://x.example.org', eventTypes: ['request.created'] });
    expect(unknown.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'UNKNOWN_EVENT_TYPE' }, path: ['eventTypes', 0] });
    expect(webhookSchema.safeParse({ url: 'https://x.example.org', eventTypes: [] }).success).toBe(false);
    expect(webhookSchema.safeParse({ url: 'https://x.example.org', eventTypes: ['key.released'], secret: 'mine' }).success).toBe(false);
  });
});
