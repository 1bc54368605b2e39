/** A CloudEvents 1.0 envelope (structured mode, JSON), the standard outside consumers get. */
export interface CloudEvent<T> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
  /** CloudEvents distributed-tracing extension: the W3C trace context of the change that made the event */
  traceparent?: string;
  tracestate?: string;
}

export function cloudEvent<T>(fields: { id: string; source: string; type: string; subject: string; time: Date; data: T; trace?: { traceparent?: string; tracestate?: string } }): CloudEvent<T> {
  const { traceparent, tracestate } = fields.trace ?? {};
  return {
    specversion: '1.0',
    id: fields.id,
    source: fields.source,
    type: fields.type,
    subject: fields.subject,
    time: fields.time.toISOString(),
    datacontenttype: 'application/json',
    data: fields.data,
    ...(traceparent ? { traceparent } : {}),
    ...(traceparent && tracestate ? { tracestate } : {}),
  };
}
