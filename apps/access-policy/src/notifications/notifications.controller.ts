import { isRegulator } from '@gridledger/domain';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessError } from '../common/access-error.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { NotificationFeed } from './notification-feed.ts';
import { findNotification, listNotifications, markAllRead, markRead, unreadCount, type Reader } from './notifications.store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// proxies close a connection that says nothing for a minute or so
const HEARTBEAT_MS = 25_000;

/** The caller's notifications: who they are comes from their verified token, never from the request. */
@ApiTags('notifications')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly database: AccessPolicyDatabase,
    private readonly feed: NotificationFeed,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's latest notifications, newest first, and how many are unread" })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  async list(@Req() request: AuthenticatedRequest, @Query('limit') limit?: string) {
    const reader = readerOf(request);
    const size = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 200) throw new AccessError('INVALID_ARGUMENT', 'limit: must be a whole number from 1 to 200', 400);
    const [items, unread] = await Promise.all([listNotifications(this.database.pool, reader, size), unreadCount(this.database.pool, reader)]);
    return { unreadCount: unread, items };
  }

  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-sent events: `unread` (the count) on connecting, then `notification` (the notification and the new count) as each arrives' })
  async stream(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const reader = readerOf(request);
    const pool = this.database.pool;
    // x-accel-buffering: a buffering proxy in front of the entry must pass each event on at once
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    response.write('retry: 3000\n\n');
    const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const unsubscribe = this.feed.subscribe((announcement) => {
      if (announcement.uid !== null ? announcement.uid !== reader.uid : !reader.regulator) return;
      void Promise.all([findNotification(pool, reader, announcement.id), unreadCount(pool, reader)])
        .then(([notification, unread]) => notification && send('notification', { notification, unreadCount: unread }))
        .catch(() => undefined);
    }, () => response.end());
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
    });
    send('unread', { unreadCount: await unreadCount(pool, reader) });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification of the caller read' })
  async readAll(@Req() request: AuthenticatedRequest) {
    const marked = await markAllRead(this.database.pool, readerOf(request));
    return { marked, unreadCount: 0 };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification of the caller read' })
  async readOne(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const reader = readerOf(request);
    if (!UUID.test(id) || !(await markRead(this.database.pool, reader, id))) throw new AccessError('NOT_FOUND', `there is no notification ${id} for you`, 404);
    return { id, read: true, unreadCount: await unreadCount(this.database.pool, reader) };
  }
}

const readerOf = (request: AuthenticatedRequest): Reader => ({ uid: request.user.id, regulator: isRegulator(request.user.role, request.user.mspId) });
