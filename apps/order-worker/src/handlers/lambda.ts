import { createRuntime } from "../composition/runtime";
import { createOrderWorkerHandler } from "./batch-handler";

/**
 * Lambda entry point for the orders queue's event-source mapping (partial batch responses enabled). The
 * runtime is built once, in the init phase, and kept for the container's life.
 */
export const handler = createOrderWorkerHandler(createRuntime(process.env));
