import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * Listens on the service's port with SO_REUSEPORT, so replicas of a service on one host share it:
 * the kernel spreads new connections over the replicas that are alive, and a replica that dies
 * takes only its own open connections with it. Callers keep one address however many run.
 */
export function listenOnSharedPort(app: INestApplication, port: number, host = '127.0.0.1'): Promise<Server> {
  // Nest passes its first argument straight to Node's server.listen, which also takes an options object
  return app.listen({ port, host, reusePort: true } as unknown as number) as Promise<Server>;
}

/** The same for a server Nest does not own (the public entry's TLS listener). */
export function listenServerOnSharedPort(server: Server, port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, reusePort: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
