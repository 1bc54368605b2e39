import { z } from 'zod';
import { TOPIC_SCHEMAS, type Topic } from '../topics.ts';

const TITLES: Record<string, string> = {
  identity: 'Identity: organisations, users, and every signature made or refused with their keys',
  ledger: 'Ledger: chaincode transactions requested and their outcome',
  storage: 'Storage: encrypted files pinned to IPFS, anchored on chain, keys released and downloads',
  chain: 'Chain: chaincode events relayed from the Fabric channel, one topic per event',
};

const domainOf = (topic: string): string => topic.split('.')[1] ?? 'other';
const idOf = (topic: string): string => topic.replace(/^gridledger\./, '').replace(/\.v(\d+)$/, 'V$1').replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());

/** The CloudEvents 1.0 envelope (structured mode) around a topic's payload. */
function envelopeSchema(topic: Topic): Record<string, unknown> {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'unique per event; consumers deduplicate on it' },
      source: { type: 'string', description: 'the producing service, e.g. /gridledger/identity' },
      type: { const: topic },
      subject: { type: 'string', description: 'the aggregate id, also the Kafka message key' },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      data: z.toJSONSchema(TOPIC_SCHEMAS[topic], { io: 'output', unrepresentable: 'any' }),
      traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', description: 'CloudEvents distributed-tracing extension: the W3C trace context of the change that made the event; present when the producer traces' },
      tracestate: { type: 'string', description: 'CloudEvents distributed-tracing extension: vendor trace state, with traceparent' },
    },
  };
}

/**
 * The AsyncAPI 3 document for every topic, generated from the same schemas consumers validate
 * with, so the published contract cannot drift from the code.
 */
export function asyncApiDocument(version: string): Record<string, unknown> {
  const topics = Object.keys(TOPIC_SCHEMAS).sort() as Topic[];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of topics) {
    const id = idOf(topic);
    channels[id] = {
      address: topic,
      title: topic,
      description: TITLES[domainOf(topic)] ?? '',
      messages: {
        [id]: {
          name: id,
          title: topic,
          contentType: 'application/cloudevents+json',
          headers: {
            type: 'object',
            properties: {
              ce_id: { type: 'string', description: 'the CloudEvent id' },
              ce_type: { type: 'string', description: 'the topic name' },
            },
          },
          payload: envelopeSchema(topic),
        },
      },
    };
    operations[`receive${id.charAt(0).toUpperCase()}${id.slice(1)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'GridLedger events',
      version,
      description:
        'Every event GridLedger publishes on Kafka. Topics are versioned (gridledger.<domain>.<event>.v<N>); ' +
        'an incompatible change is a new topic. Messages are CloudEvents 1.0 in structured JSON mode, keyed by the aggregate id ' +
        'so one aggregate\'s events stay in order. Delivery is at least once: deduplicate on the CloudEvent id.',
    },
    servers: {
      local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'the development stack (npm run stack -- up)' },
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
  };
}
