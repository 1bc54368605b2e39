import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { runMigrationsExclusively } from '@gridledger/messaging';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { callerAuthProvider, ServiceFoundationModule, outboxPublisherProvider } from '@gridledger/nest-service';
import { AccountsController } from './accounts/accounts.controller.ts';
import { AccountsService } from './accounts/accounts.service.ts';
import { DirectoryService } from './accounts/directory.service.ts';
import { AuthController } from './auth/auth.controller.ts';
import { AuthService } from './auth/auth.service.ts';
import { UserGuard } from './auth/guards.ts';
import { SignInThrottle, signInThrottlerModule } from './auth/sign-in-throttle.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from './config/identity-config.ts';
import { MasterKeyWrapper } from './custody/master-key-wrapper.ts';
import { IDENTITY_ENTITIES } from './database/entities.ts';
import { IDENTITY_MIGRATIONS } from './database/identity-migrations.ts';
import { FabricCaGateway } from './fabric/fabric-ca.gateway.ts';
import { HealthController } from './health/health.controller.ts';
import { AttestationReceipts } from './signing/attestation-receipts.ts';
import { InternalController } from './signing/internal.controller.ts';
import { SignatureLog } from './signing/signature-log.ts';
import { SigningService } from './signing/signing.service.ts';
import { AccessTokenService } from './tokens/access-token.service.ts';
import { RefreshTokenService } from './tokens/refresh-token.service.ts';
import { SigningKeysService } from './tokens/signing-keys.service.ts';
import { UsersController } from './users/users.controller.ts';
import { UsersService } from './users/users.service.ts';

@Module({})
export class IdentityModule implements OnApplicationBootstrap {
  constructor(private readonly users: UsersService) {}

  /** Organisations and their first admins exist before the first request is served. */
  async onApplicationBootstrap(): Promise<void> {
    await this.users.bootstrap();
  }

  static forConfig(config: IdentityConfig): DynamicModule {
    const dataSourceOptions: DataSourceOptions = {
      type: 'postgres',
      url: config.databaseUrl,
      entities: IDENTITY_ENTITIES,
      migrations: [...IDENTITY_MIGRATIONS],
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: ['error'],
    };
    return {
      module: IdentityModule,
      imports: [
        ServiceFoundationModule.forService('identity'),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions,
          // migrated before any provider can query it, one replica at a time (TypeORM's own
          // migrationsRun takes no lock, and two replicas start together in the ha topology)
          dataSourceFactory: async () => {
            const source = await new DataSource(dataSourceOptions).initialize();
            // a failed migration is retried by TypeOrmModule with a fresh source: this one's pool goes
            await runMigrationsExclusively(source).catch(async (error: unknown) => {
              await source.destroy();
              throw error;
            });
            return source;
          },
        }),
        TypeOrmModule.forFeature(IDENTITY_ENTITIES),
        signInThrottlerModule(config),
      ],
      controllers: [AuthController, UsersController, AccountsController, InternalController, HealthController],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: MasterKeyWrapper, useValue: new MasterKeyWrapper(config.masterKeys) },
        FabricCaGateway,
        SigningKeysService,
        AccessTokenService,
        RefreshTokenService,
        UsersService,
        AuthService,
        AccountsService,
        DirectoryService,
        SigningService,
        SignatureLog,
        AttestationReceipts,
        UserGuard,
        callerAuthProvider<IdentityConfig>(IDENTITY_CONFIG, (config) => ({ audience: 'identity', registry: config.serviceKeys })),
        SignInThrottle,
        outboxPublisherProvider<IdentityConfig>({
          configToken: IDENTITY_CONFIG,
          options: (config) => ({ databaseUrl: config.databaseUrl, kafka: config.kafka, clientId: 'gridledger-identity' }),
        }),
      ],
    };
  }
}
