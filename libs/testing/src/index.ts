export { stackConnections, organization } from './stack-connections.ts';
export { enrollTestIdentity, type TestIdentity } from './fabric-identities.ts';
export { connectGateway, type GatewayConnection } from './fabric-gateway.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { kafkaConnectionAs, outsideReader, removeOutsideReader, testKafka } from './kafka-clients.ts';
export { envelopeOf, publishMessages, readAllMessages, waitForMessages, type ReceivedEnvelope, type ReceivedMessage } from './kafka-messages.ts';
export { startPlatformServices, stackUp, killComponent, pauseComponent, onboardUser, signIn, type PlatformServiceName, type PlatformUser, type StackComponentName } from './platform-services.ts';
export { commandIdOf, commandMessage, sendCommands, type SubmitCommand } from './ledger-commands.ts';
export { credentialOf, operatorToken, serviceBearer, serviceKeyRegistry } from './service-credentials.ts';
