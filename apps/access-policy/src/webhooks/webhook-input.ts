import { z } from 'zod';
import { isNotificationKind, NOTIFICATION_KINDS } from '@gridledger/domain';

/** A webhook to register: where, and which event types (the notification kinds). The URL's policy is checked after. */
export const webhookSchema = z.object({
  url: z.string().trim().min(1, 'give the URL deliveries are POSTed to').max(2_000),
  eventTypes: z.array(z.string().refine(isNotificationKind, {
    error: `is not an event type; the types are ${NOTIFICATION_KINDS.join(', ')}`,
    params: { code: 'UNKNOWN_EVENT_TYPE' },
  })).min(1, 'choose at least one event type').max(NOTIFICATION_KINDS.length),
}).strict();

export const webhookBody = {
  schema: {
    type: 'object',
    required: ['url', 'eventTypes'],
    properties: {
      url: { type: 'string', description: 'HTTPS; plain HTTP to loopback only in the dev topology; never a private, loopback or link-local address' },
      eventTypes: { type: 'array', items: { type: 'string', enum: [...NOTIFICATION_KINDS] }, minItems: 1 },
    },
  },
};
