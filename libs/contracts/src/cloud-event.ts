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
}

export function cloudEvent<T>(fields: { id: string; source: string; type: string; subject: string; time: Date; data: T }): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: fields.id,
    source: fields.source,
    type: fields.type,
    subject: fields.subject,
    time: fields.time.toISOString(),
    datacontenttype: 'application/json',
    data: fields.data,
  };
}
