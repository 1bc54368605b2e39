import { AllowRoles, UserGuard } from '@gridledger/nest-service';
import { applyDecorators, UseGuards } from '@nestjs/common';

/**
 * The audit API is for regulators (everything) and organisation admins (their own
 * organisation's actions); everyone else is refused. A regulator is the role of RegulatorMSP,
 * as the chaincode has it.
 */
export const SupervisorsOnly = () => applyDecorators(UseGuards(UserGuard), AllowRoles(['regulator', 'admin'], 'the audit log is for regulators and organisation admins'));
