import type { ConnectionConfig } from './connection-config.ts';
import { caBootstrapAdmin, caTlsRootPath } from './fabric-ca-connection.ts';
import { fabricLayout } from './fabric-layout.ts';
import { KAFKA_ADMIN_PRINCIPAL, KAFKA_SERVICE_PRINCIPALS, kafkaBrokers, readKafkaCredentials, type KafkaPrincipal, type KafkaServicePrincipal } from './kafka-connection.ts';
import { firstPeer } from './organizations.ts';
import { readPostgresCredentials, type PostgresCredentials } from './postgres-connection.ts';
import { stackCaFiles } from './service-files.ts';

export interface OrganizationConnection {
  mspId: string;
  /** the organisation's first peer */
  peerEndpoint: string;
  /** the name in the peer's TLS certificate, for gRPC's ssl_target_name_override */
  peerHostAlias: string;
  peerTlsRootCertPath: string;
  ca: { url: string; caName: string; tlsRootCertPath: string; registrar: { enrollmentId: string; secret: string } };
}

/** How clients reach each component of a running stack. Holds secrets: never print it whole. */
export interface StackConnectionInfo {
  kafka: {
    brokers: string[];
    /** PEM file of the stack's CA, which signed the broker's TLS certificate */
    caFile: string;
    /** the operator principal (a Kafka super user), for the stack's own tools and tests */
    admin: KafkaPrincipal;
    /** each service's own principal, with exactly the ACLs of SERVICE_KAFKA_ACCESS */
    services: Record<KafkaServicePrincipal, KafkaPrincipal>;
  };
  ipfs: { apiUrl: string; gatewayUrl: string };
  postgres: { host: string; port: number; credentials: PostgresCredentials };
  fabric: { channel: string; chaincode: string; organizations: OrganizationConnection[] };
}

function kafkaConnection(config: ConnectionConfig): StackConnectionInfo['kafka'] {
  const credentials = readKafkaCredentials(config);
  const services = Object.fromEntries(KAFKA_SERVICE_PRINCIPALS.map((name) => [name, { username: name, password: credentials.services[name] }])) as Record<KafkaServicePrincipal, KafkaPrincipal>;
  return { brokers: kafkaBrokers(config), caFile: stackCaFiles(config).caCert, admin: { username: KAFKA_ADMIN_PRINCIPAL, password: credentials.admin }, services };
}

/** Reads the credentials `up` generated: the stack must have been brought up once. */
export function connectionInfo(config: ConnectionConfig): StackConnectionInfo {
  const layout = fabricLayout(config);
  return {
    kafka: kafkaConnection(config),
    ipfs: { apiUrl: `http://127.0.0.1:${config.ports.kuboApi}`, gatewayUrl: `http://127.0.0.1:${config.ports.kuboGateway}` },
    postgres: { host: '127.0.0.1', port: config.ports.postgres, credentials: readPostgresCredentials(config) },
    fabric: {
      channel: config.channel,
      chaincode: config.chaincode,
      organizations: config.organizations.map((org) => ({
        mspId: org.mspId,
        peerEndpoint: `127.0.0.1:${firstPeer(org).port}`,
        peerHostAlias: firstPeer(org).host,
        peerTlsRootCertPath: layout.peer(org).tlsCa,
        ca: { url: `https://127.0.0.1:${org.caPort}`, caName: org.caName, tlsRootCertPath: caTlsRootPath(config, org), registrar: caBootstrapAdmin(config, org) },
      })),
    },
  };
}
