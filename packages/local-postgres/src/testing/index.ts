export { type FreezeRelay, startFreezeRelay } from "./freeze-relay";
