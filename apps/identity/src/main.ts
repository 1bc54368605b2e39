import 'reflect-metadata';
import { bootstrapService } from '@gridledger/nest-service';
import { IDENTITY_SERVICE } from './identity-service.ts';

void bootstrapService(IDENTITY_SERVICE);
