/*
 * The testing kit of the emulated AWS pieces: what every project's tests (and benchmarks) use to stand up
 * queues and build the events Lambda hands a function, so no project keeps its own copy.
 */
export { apiGatewayEvent, type GatewayRequest } from "./api-gateway-event";
export { type OrderQueuesFixture, startOrderQueues } from "./order-queues-fixture";
export { sqsEvent, sqsRecord } from "./sqs-records";
export { type LocalSqsFixture, useLocalSqs } from "./use-local-sqs";
