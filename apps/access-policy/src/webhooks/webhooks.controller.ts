import { AllowRoles, type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessError } from '../common/access-error.ts';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { parseInput } from '../requests/request-input.ts';
import type { AddressPolicy } from './address-policy.ts';
import { webhookBody, webhookSchema } from './webhook-input.ts';
import { newWebhookSecret } from './webhook-signature.ts';
import { checkWebhookTarget, WebhookUrlRefused } from './webhook-url.ts';
import { deleteWebhook, insertWebhook, listDeliveries, listWebhooks } from './webhooks.store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An organisation's webhooks, managed by its admins: the organisation is the caller's, from their token. */
@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(UserGuard)
@AllowRoles(['admin'], "only an organisation's admin manages its webhooks")
@Controller('webhooks')
export class WebhooksController {
  private readonly policy: AddressPolicy;

  constructor(
    @Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig,
    private readonly database: AccessPolicyDatabase,
  ) {
    this.policy = { allowLoopback: config.ACCESS_POLICY_WEBHOOK_ALLOW_LOOPBACK, allowedCidrs: config.ACCESS_POLICY_WEBHOOK_ALLOWED_CIDRS };
  }

  @Get()
  @ApiOperation({ summary: "The organisation's webhooks (never their secrets)" })
  list(@Req() request: AuthenticatedRequest) {
    return listWebhooks(this.database.pool, request.user.mspId);
  }

  @Post()
  @ApiOperation({ summary: 'Register a webhook for chosen event types; the answer holds its signing secret, shown this once' })
  @ApiBody(webhookBody)
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const input = parseInput(webhookSchema, body);
    try {
      await checkWebhookTarget(input.url, this.policy);
    } catch (error) {
      if (error instanceof WebhookUrlRefused) throw new AccessError('WEBHOOK_URL_NOT_ALLOWED', `url: ${error.message}`, 400);
      throw error;
    }
    const secret = newWebhookSecret();
    const webhook = await insertWebhook(this.database.pool, { organisation: request.user.mspId, url: input.url, eventTypes: [...new Set(input.eventTypes)], secret, createdBy: request.user.id });
    return { ...webhook, secret };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook and its delivery log; deliveries not yet made are dropped' })
  async remove(@Req() request: AuthenticatedRequest, @Param('id') id: string): Promise<void> {
    if (!UUID.test(id) || !(await deleteWebhook(this.database.pool, request.user.mspId, id))) throw notFound(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The webhook's latest 100 deliveries, newest first, each with every attempt (status code or error, duration, time)" })
  async deliveries(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const deliveries = UUID.test(id) ? await listDeliveries(this.database.pool, request.user.mspId, id, 100) : null;
    if (!deliveries) throw notFound(id);
    return deliveries;
  }
}

const notFound = (id: string) => new AccessError('NOT_FOUND', `your organisation has no webhook ${id}`, 404);
