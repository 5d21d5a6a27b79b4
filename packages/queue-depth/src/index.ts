export { type QueueDepth, readQueueDepth } from "./queue-depth";
