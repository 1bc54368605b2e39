export { consumerFailover, consumerSessionTimeoutMs, createKafka, kafkaConnectionFromEnv, kafkaEnvNames, type KafkaConnection, type KafkaLogLevel } from './kafka-connection.ts';
export { SendRetryWatch } from './send-retry-watch.ts';
