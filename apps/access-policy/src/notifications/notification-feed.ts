import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { NOTIFICATION_CHANNEL, type Announcement } from './notifications.store.ts';

type Listener = (announcement: Announcement) => void;

const RECONNECT_MS = 2_000;

/**
 * PostgreSQL's LISTEN on the notifications channel, shared by every open stream of this replica:
 * whichever replica consumed the event, each replica's streams hear of it once it commits.
 */
@Injectable()
export class NotificationFeed implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationFeed');
  private readonly listeners = new Map<Listener, () => void>();
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(@Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig) {}

  onModuleInit(): void {
    void this.connect();
  }

  /** Ends the open streams first: the HTTP server's close waits for every connection, and a stream never ends by itself. */
  onModuleDestroy(): void {
    for (const end of this.listeners.values()) end();
    this.listeners.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  /** Calls `listener` for every announcement until the returned function is called; `end` closes the stream at shutdown. */
  subscribe(listener: Listener, end: () => void): () => void {
    this.listeners.set(listener, end);
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.ACCESS_POLICY_DATABASE_URL });
    this.client = client;
    // a lost connection is retried: streams stay open and miss only what was announced meanwhile (a reload shows it)
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    client.on('notification', (message) => {
      if (message.channel !== NOTIFICATION_CHANNEL || !message.payload) return;
      const announcement = JSON.parse(message.payload) as Announcement;
      for (const listener of this.listeners.keys()) listener(announcement);
    });
    try {
      await client.connect();
      await client.query(`listen ${NOTIFICATION_CHANNEL}`);
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  private reconnect(client: pg.Client, error?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    if (error) this.logger.warn(`notification feed lost its connection (${error.message}); reconnecting`);
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
  }
}
