export { type FreezeRelay, startFreezeRelay, startFreezeRelayInFront } from "./freeze-relay";
