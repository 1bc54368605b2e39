export interface StreamedEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a server-sent event stream as the dashboard does (fetch with the bearer header: EventSource
 * cannot send one) and keeps every event, until closed.
 */
export async function openEventStream(url: string, token: string): Promise<{ events: StreamedEvent[]; status: number; contentType: string | null; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  const events: StreamedEvent[] = [];
  if (response.ok && response.body) void collect(response.body, events).catch(() => undefined);
  return { events, status: response.status, contentType: response.headers.get('content-type'), close: () => controller.abort() };
}

async function collect(body: ReadableStream<Uint8Array>, events: StreamedEvent[]): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
    }
  }
}
