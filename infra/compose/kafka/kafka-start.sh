#!/bin/sh
# The Kafka container's start (apache/kafka image), with the native stack's security
# (infra/stack/src/components/kafka.ts): one KRaft node, every client and the broker itself on
# SASL/SCRAM-SHA-512 over TLS, the controller listener on mutual TLS, and the standard authorizer
# denying what no ACL allows (`kafka-init` writes the ACLs). The SCRAM users (admin, broker and
# one per service) are created when the log directory is first formatted, with the passwords in
# .env; changing one later needs kafka-configs.sh --alter as admin, or a fresh kafka-data volume.
set -eu
: "${GRIDLEDGER_KAFKA_ADMIN_PASSWORD:?}" "${GRIDLEDGER_KAFKA_BROKER_PASSWORD:?}"
: "${GRIDLEDGER_KAFKA_IDENTITY_PASSWORD:?}" "${GRIDLEDGER_KAFKA_LEDGER_PASSWORD:?}" "${GRIDLEDGER_KAFKA_STORAGE_PASSWORD:?}"
: "${GRIDLEDGER_KAFKA_ACCESS_POLICY_PASSWORD:?}" "${GRIDLEDGER_KAFKA_AUDIT_PASSWORD:?}"
tls=/var/gridledger-platform/tls
logs=/var/lib/kafka/data
props=/tmp/server.properties

cat > "$props" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19093
listeners=SASL_SSL://0.0.0.0:19092,CONTROLLER://127.0.0.1:19093
advertised.listeners=SASL_SSL://kafka:19092
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${GRIDLEDGER_KAFKA_BROKER_PASSWORD}";
ssl.keystore.type=PEM
ssl.keystore.location=${tls}/kafka-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=${tls}/ca.pem
listener.name.controller.ssl.client.auth=required
ssl.principal.mapping.rules=RULE:^CN=([a-zA-Z0-9._-]+)$/\$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:broker
log.dirs=${logs}
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPERTIES

if [ ! -f "$logs/meta.properties" ]; then
  scram() { echo "SCRAM-SHA-512=[name=$1,password=$2]"; }
  /opt/kafka/bin/kafka-storage.sh format -t "${CLUSTER_ID}" -c "$props" \
    --add-scram "$(scram admin "$GRIDLEDGER_KAFKA_ADMIN_PASSWORD")" \
    --add-scram "$(scram broker "$GRIDLEDGER_KAFKA_BROKER_PASSWORD")" \
    --add-scram "$(scram identity "$GRIDLEDGER_KAFKA_IDENTITY_PASSWORD")" \
    --add-scram "$(scram ledger "$GRIDLEDGER_KAFKA_LEDGER_PASSWORD")" \
    --add-scram "$(scram storage "$GRIDLEDGER_KAFKA_STORAGE_PASSWORD")" \
    --add-scram "$(scram access-policy "$GRIDLEDGER_KAFKA_ACCESS_POLICY_PASSWORD")" \
    --add-scram "$(scram audit "$GRIDLEDGER_KAFKA_AUDIT_PASSWORD")"
fi

# the admin's client settings, for the health check and for an operator's kafka-*.sh commands
cat > /tmp/admin.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${GRIDLEDGER_KAFKA_ADMIN_PASSWORD}";
ssl.truststore.type=PEM
ssl.truststore.location=${tls}/ca.pem
PROPERTIES
exec /opt/kafka/bin/kafka-server-start.sh "$props"
