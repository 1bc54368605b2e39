/**
 * Where each part of a GridLedger stack is and how to reach it: the configuration GRIDLEDGER_HOME,
 * GRIDLEDGER_TOPOLOGY and GRIDLEDGER_PORT_* select, ports, organisations and peers, file paths,
 * Kafka principals, database URLs and the services' endpoints. Facts only: starting and stopping
 * the stack is `npm run stack` (infra/stack), which builds on these, as the tests do.
 */
export { CHAINCODE_NAME, CHANNEL_NAME, loadConnectionConfig, SERVICE_DATABASES, type ConnectionConfig, type StackPaths } from './connection-config.ts';
export { DEFAULT_PORTS, portEnvName, resolvePorts, type PortName, type Ports } from './ports.ts';
export { recordTopology, resolveTopology, TOPOLOGIES, TOPOLOGY_NAMES, topologyFile, type Topology, type TopologyName } from './topology.ts';
export { firstOrderer, firstPeer, ORDERER_DOMAIN, ordererOrganization, peerOrganizations, type FabricPeer, type OrdererNode, type OrdererOrganization, type PeerOrganization } from './organizations.ts';
export { fabricLayout, type FabricLayout } from './fabric-layout.ts';
export { caBootstrapAdmin, caBootstrapAdminFile, caTlsRootPath, type CaBootstrapAdmin } from './fabric-ca-connection.ts';
export { kafkaNodes, type KafkaNode } from './kafka-nodes.ts';
export { KAFKA_ADMIN_PRINCIPAL, KAFKA_BROKER_PRINCIPAL, KAFKA_SERVICE_PRINCIPALS, kafkaBrokers, kafkaCredentialsFile, readKafkaCredentials, type KafkaCredentials, type KafkaPrincipal, type KafkaServicePrincipal, type OutsideReader } from './kafka-connection.ts';
export { postgresFiles, readPostgresCredentials, serviceDatabaseUrl, type PostgresCredentials } from './postgres-connection.ts';
export { CREDENTIAL_HOLDERS, entryCertificateFiles, identityFiles, serviceKeyFiles, stackCaFiles, type CredentialHolder } from './service-files.ts';
export { logFilePath, pidFilePath, readPidFile, type PidRecord } from './process-files.ts';
export { connectionInfo, type OrganizationConnection, type StackConnectionInfo } from './connection-info.ts';
export { platformEndpoints, type PlatformEndpoints } from './platform-endpoints.ts';
