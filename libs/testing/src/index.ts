export { stackConnections, organization } from './stack-connections.ts';
export { enrollTestIdentity, type TestIdentity, type PlatformRole } from './fabric-identities.ts';
export { connectGateway, type GatewayConnection } from './fabric-gateway.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { kafkaConnectionAs, outsideReader, removeOutsideReader, testKafka } from './kafka-clients.ts';
export { publishMessages, readAllMessages, waitForMessages, type ReceivedMessage } from './kafka-messages.ts';
export { startPlatformServices, stackUp, killComponent, signalComponent, onboardUser, signIn, type PlatformServiceName, type PlatformUser } from './platform-services.ts';
export { credentialOf, operatorToken, serviceBearer, serviceKeyRegistry } from './service-credentials.ts';
