export { createKafka, kafkaConnectionFromEnv, kafkaEnvNames, type KafkaConnection, type KafkaLogLevel } from './kafka-connection.ts';
