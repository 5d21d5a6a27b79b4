/** Printed by the worker runner once it polls: the stack waits for this line before calling itself ready. */
export const WORKER_READY_MARKER = "worker polling";
