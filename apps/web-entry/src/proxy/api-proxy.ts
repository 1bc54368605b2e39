import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { failSpan, SpanKind, startSpan, traceCarrier } from '@gridledger/tracing';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UserVerifier } from '../auth/user-verifier.ts';
import { ENTRY_CONFIG, type EntryConfig } from '../config/entry-config.ts';
import { RecentErrors } from '../ops/recent-errors.ts';
import { ThroughputMeter } from '../ops/throughput-meter.ts';
import { browserResponseHeaders, upstreamRequestHeaders } from './forwarded-headers.ts';
import { resolveRoute, type Upstream } from './routes.ts';

const SERVICE_NAMES: Record<Upstream, string> = { identity: 'identity', ledger: 'ledger', storage: 'storage', accessPolicy: 'access-policy', audit: 'audit' };

/**
 * `/api/<service>/…` to the internal services. Bodies stream both ways with backpressure
 * (`pipe`), so a 1 GiB upload or download never sits in this process's memory.
 */
@Injectable()
export class ApiProxy {
  private readonly logger = new Logger('ApiProxy');
  private readonly upstreams: Record<Upstream, URL>;

  constructor(
    @Inject(ENTRY_CONFIG) private readonly config: EntryConfig,
    private readonly verifier: UserVerifier,
    private readonly meter: ThroughputMeter,
    private readonly errors: RecentErrors,
  ) {
    this.upstreams = {
      identity: new URL(config.WEB_IDENTITY_URL),
      ledger: new URL(config.WEB_LEDGER_URL),
      storage: new URL(config.WEB_STORAGE_URL),
      accessPolicy: new URL(config.WEB_ACCESS_POLICY_URL),
      audit: new URL(config.WEB_AUDIT_URL),
    };
  }

  /** Express-style handler mounted at /api; `next` lets the entry's own /api routes (ops) through. */
  async handle(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
    // below the /api mount point, so "identity/auth/login?x=1"
    const below = (req.url ?? '/').replace(/^\/+/, '');
    if (below.startsWith('ops/') || below === 'ops') return next();
    const route = resolveRoute(req.method ?? 'GET', below);
    if (!route) return refuse(res, 404, 'NOT_FOUND', `there is no ${req.method} /api/${below.split('?')[0]} here`);
    if (route.auth === 'user') {
      const verified = await this.verifier.verify(req.headers.authorization);
      if ('problem' in verified) return refuse(res, verified.status, verified.code, verified.problem);
    }
    this.forward(req, res, route.upstream, route.path, upstreamRequestHeaders(req.headers, req.socket.remoteAddress), route.meter);
  }

  private forward(req: IncomingMessage, res: ServerResponse, upstream: Upstream, path: string, headers: ReturnType<typeof upstreamRequestHeaders>, meter: 'upload' | 'download' | null): void {
    const target = this.upstreams[upstream];
    const service = SERVICE_NAMES[upstream];
    // a CLIENT span per forwarded request, whose context replaces the browser's in the upstream's headers
    const { span, context } = startSpan(`${service} ${req.method}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': req.method ?? 'GET', 'gridledger.upstream': service } });
    const outgoing = httpRequest({ hostname: target.hostname, port: target.port, method: req.method, path, headers: { ...headers, ...traceCarrier(context) } });
    outgoing.once('close', () => span.end());
    outgoing.once('response', (answer) => span.setAttribute('http.response.status_code', answer.statusCode ?? 502));
    outgoing.once('error', (error) => failSpan(span, error));
    if (meter) this.meter.active[meter] += 1;
    let counted = false;
    let browserLeft = false;
    const done = () => {
      if (meter && !counted) this.meter.active[meter] -= 1;
      counted = true;
    };
    if (meter === 'upload') req.on('data', (chunk: Buffer) => this.meter.add('upload', chunk.length));

    outgoing.on('response', (answer) => {
      const status = answer.statusCode ?? 502;
      if (status >= 500) this.errors.record(service, `${req.method} ${path.split('?')[0]} answered ${status}`);
      res.writeHead(status, browserResponseHeaders(answer.headers));
      if (meter === 'download') answer.on('data', (chunk: Buffer) => this.meter.add('download', chunk.length));
      answer.pipe(res);
      answer.on('end', done);
      answer.on('error', () => res.destroy());
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      done();
      // the browser went away first (a reload, a cancelled download): not the service's failure
      if (browserLeft) return;
      this.errors.record(service, `${req.method} ${path.split('?')[0]}: ${error.code ?? error.message}`);
      if (res.headersSent) return void res.destroy();
      const unreachable = error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' || error.code === 'EHOSTUNREACH';
      this.logger.warn(`${service}: ${error.message}`);
      refuse(res, unreachable ? 503 : 502, 'UNAVAILABLE', `the ${service} service cannot be reached right now; try again in a moment`);
    });
    // the browser went away (closed tab, cancelled download): stop the upstream work too
    res.on('close', () => {
      done();
      if (res.writableFinished) return;
      browserLeft = true;
      outgoing.destroy();
    });
    req.pipe(outgoing);
  }
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  // connection: close, so an unread request body (a refused upload) is not read to its end
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify({ statusCode: status, code, message }));
}
