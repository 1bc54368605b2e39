import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { openApiBody } from '../common/openapi-body.ts';
import { SigningKeysService } from '../tokens/signing-keys.service.ts';
import { loginSchema, parseBody, refreshSchema } from '../users/user-input.ts';
import { AuthService } from './auth.service.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

@ApiTags('sign-in')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signingKeys: SigningKeysService,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(SignInThrottle)
  @ApiOperation({ summary: 'Sign in with username and password; returns an access token (ES256 JWT) and a refresh token' })
  @ApiBody(openApiBody(loginSchema))
  login(@Body() body: unknown) {
    const { username, password } = parseBody(loginSchema, body);
    return this.auth.login(username, password);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; the presented one is spent' })
  @ApiBody(openApiBody(refreshSchema))
  refresh(@Body() body: unknown) {
    return this.auth.refresh(parseBody(refreshSchema, body).refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a refresh token' })
  @ApiBody(openApiBody(refreshSchema))
  async logout(@Body() body: unknown): Promise<void> {
    await this.auth.logout(parseBody(refreshSchema, body).refreshToken);
  }

  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'Public keys that verify access tokens (JWKS); other services verify without calling back' })
  jwks() {
    return this.signingKeys.jwks();
  }
}
