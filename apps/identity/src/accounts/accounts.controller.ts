import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { UserGuard, type AuthenticatedRequest } from '../auth/guards.ts';
import { openApiBody } from '../common/openapi-body.ts';
import { parseBody } from '../users/user-input.ts';
import { publicView } from '../users/users.service.ts';
import { changePasswordSchema, directoryQuerySchema, displayNameSchema, namesQuerySchema, redeemResetSchema } from './account-input.ts';
import { AccountsService } from './accounts.service.ts';
import { DirectoryService } from './directory.service.ts';

@ApiTags('accounts')
@Controller()
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly directory: DirectoryService,
  ) {}

  @Get('users')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The user directory: an admin's own organisation, or every organisation for the regulator; search by username, display name or e-mail; paged by display name" })
  @ApiQuery({ name: 'search', required: false, description: 'a substring of the username, display name or e-mail, any case' })
  @ApiQuery({ name: 'org', required: false, description: "an organisation's MSP id (the regulator's filter; an admin may name only their own)" })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 100, default 20' })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  list(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    return this.directory.search(request.user, parseBody(directoryQuerySchema, query));
  }

  @Get('users/names')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Display names and organisations of the users a screen shows (any signed-in user): no e-mail, role or state' })
  @ApiQuery({ name: 'ids', required: true, description: 'up to 100 user ids, comma-separated' })
  async names(@Query() query: unknown) {
    return { users: await this.directory.names(parseBody(namesQuerySchema, query).ids) };
  }

  @Put('users/me/password')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password: closes every session and answers a new token pair for this one' })
  @ApiBody(openApiBody(changePasswordSchema))
  changePassword(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const { currentPassword, newPassword } = parseBody(changePasswordSchema, body);
    return this.accounts.changePassword(request.user, currentPassword, newPassword);
  }

  @Put('users/:id/display-name')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Set your own display name, or, as an admin, that of a user of your organisation' })
  @ApiBody(openApiBody(displayNameSchema))
  async setDisplayName(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown) {
    return publicView(await this.accounts.setDisplayName(request.user, id, parseBody(displayNameSchema, body).displayName));
  }

  @Post('users/:id/password-reset')
  @UseGuards(UserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'As an admin, issue a one-time password reset token for a user of your organisation (valid 30 minutes; shown only in this answer)' })
  issueReset(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.accounts.issueReset(request.user, id);
  }

  @Post('auth/password-reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset token from your admin (no session needed); the token is spent and every session closes' })
  @ApiBody(openApiBody(redeemResetSchema))
  async redeemReset(@Body() body: unknown): Promise<void> {
    const { token, newPassword } = parseBody(redeemResetSchema, body);
    await this.accounts.redeemReset(token, newPassword);
  }
}
