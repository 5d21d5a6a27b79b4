// One reader for every queue-depth question (the reporting service uses the same one).
export { type QueueDepth, readQueueDepth as queueDepth } from "@orders/queue-depth";
