export { type ForgeOptions, forgeToken, tamperWith } from "./forge-token";
export { type IdentityFixture, startIdentityFixture } from "./identity-fixture";
