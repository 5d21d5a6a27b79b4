export { type BatchOutcome, batchOutcome } from "./batch-outcome";
export {
  type BatchReport,
  type EventSourceMapping,
  type EventSourceMappingOptions,
  type MappingStats,
  type SqsLambdaHandler,
  startEventSourceMapping,
} from "./event-source-mapping";
export { type LambdaContainerPool, lambdaContainerPool } from "./lambda-container-pool";
export { type LocalContextOptions, localLambdaContext } from "./lambda-context";
export {
  type LocalSqs,
  localRegion,
  localSqsClient,
  localSqsEnv,
  reachableQueueUrl,
  type StartLocalSqsOptions,
  startLocalSqs,
} from "./local-sqs";
export {
  createOrderQueues,
  deadLetterRetentionSeconds,
  type OrderQueueOptions,
  type OrderQueues,
  orderQueueAttributes,
} from "./order-queues";
export { queueArn } from "./queue-arn";
export { type QueueDepth, queueDepth } from "./queue-depth";
export { type RedriveOptions, type RedriveResult, redriveDeadLetters } from "./redrive";
export { type RecordSource, toSqsEvent, toSqsRecord } from "./sqs-event";
