import { describe, expect, it } from 'vitest';
import { parseSse, readSseEvents } from './sse.ts';

const streamOf = (...chunks: string[]) =>
  new Response(new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  })).body as NonNullable<Response['body']>;

describe('server-sent events', () => {
  it('splits complete events from an unfinished rest, comments and blank lines skipped', () => {
    expect(parseSse(': keep-alive\n\nevent: unread\ndata: {"unreadCount":2}\r\n\r\ndata: a\ndata: b\n\nevent: sample\ndata: {"x"')).toEqual({
      events: [{ event: 'unread', data: '{"unreadCount":2}' }, { event: 'message', data: 'a\nb' }],
      rest: 'event: sample\ndata: {"x"',
    });
  });

  it('reads events from a body whose chunks end mid-event, until it ends', async () => {
    const events = [];
    for await (const event of readSseEvents(streamOf('event: sample\nda', 'ta: {"n":1}\n', '\nevent: sample\ndata: {"n":2}\n\n'))) events.push(event);
    expect(events).toEqual([{ event: 'sample', data: '{"n":1}' }, { event: 'sample', data: '{"n":2}' }]);
  });
});
