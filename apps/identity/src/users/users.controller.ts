import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { openApiBody } from '../common/openapi-body.ts';
import { UserGuard, type AuthenticatedRequest } from '../auth/guards.ts';
import { OrganizationEntity } from '../database/entities.ts';
import { encryptionKeySchema, onboardUserSchema, parseBody, suspendSchema } from './user-input.ts';
import { publicView, UsersService } from './users.service.ts';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
  ) {}

  @Get('organizations')
  @ApiOperation({ summary: 'The organisations, each a Fabric MSP' })
  async listOrganizations() {
    return (await this.organizations.find({ order: { mspId: 'ASC' } })).map(({ mspId, name }) => ({ mspId, name }));
  }

  @Get('users/me')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@Req() request: AuthenticatedRequest) {
    return publicView(request.user);
  }

  @Put('users/me/encryption-key')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Use your own X25519 key to receive file keys; the custodial one is destroyed' })
  @ApiBody(openApiBody(encryptionKeySchema))
  async setEncryptionKey(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    return publicView(await this.users.useOwnEncryptionKey(request.user, parseBody(encryptionKeySchema, body).publicKey));
  }

  @Post('organizations/:mspId/users')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Onboard a user of the admin's own organisation: enrols their Fabric identity and creates their keys" })
  @ApiBody(openApiBody(onboardUserSchema))
  async onboard(@Req() request: AuthenticatedRequest, @Param('mspId') mspId: string, @Body() body: unknown) {
    return publicView(await this.users.onboard(request.user, mspId, parseBody(onboardUserSchema, body)));
  }

  @Post('users/:id/suspend')
  @HttpCode(200)
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Suspend a user of your organisation: revokes their certificate and sessions' })
  @ApiBody(openApiBody(suspendSchema))
  async suspend(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown) {
    return publicView(await this.users.suspend(request.user, id, parseBody(suspendSchema, body).reason));
  }

  @Post('users/:id/reactivate')
  @HttpCode(200)
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Reactivate a suspended user of your organisation with a fresh Fabric identity' })
  async reactivate(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return publicView(await this.users.reactivate(request.user, id));
  }
}
