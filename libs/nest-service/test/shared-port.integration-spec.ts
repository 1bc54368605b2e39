import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenServerOnSharedPort } from '../src/index.ts';

/** One request on a fresh connection (no keep-alive), so the kernel picks a listener each time. */
function whoAnswers(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

function replica(name: string): Server {
  return createServer((_req, res) => res.end(name));
}

describe('listenServerOnSharedPort', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('lets two replicas share one port, and the survivor takes every connection when one goes', async () => {
    const first = replica('first');
    servers.push(first);
    await listenServerOnSharedPort(first, 0);
    const address = first.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const second = replica('second');
    servers.push(second);
    await listenServerOnSharedPort(second, address.port);

    const answers = new Set<string>();
    for (let i = 0; i < 60 && answers.size < 2; i += 1) answers.add(await whoAnswers(address.port));
    expect(answers).toEqual(new Set(['first', 'second']));

    await new Promise((resolve) => first.close(resolve));
    servers.shift();
    const after = await Promise.all(Array.from({ length: 20 }, () => whoAnswers(address.port)));
    expect(new Set(after)).toEqual(new Set(['second']));
  });

  it('still refuses a port held by a process that did not ask to share it', async () => {
    const squatter = createServer();
    servers.push(squatter);
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    await expect(listenServerOnSharedPort(replica('late'), address.port)).rejects.toThrow(/EADDRINUSE/);
  });
});
