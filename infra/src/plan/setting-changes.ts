import type { StageProfile } from "../stage-profile";
import type { FlowPlan } from "./recommend";

/** A setting below what a load needs: where it lives and the value to set. */
export interface SettingChange {
  setting: string;
  file: string;
  from: number;
  to: number;
}

const settingsFile = "packages/settings/src/order-flow.ts";
const profileFile = "infra/src/stage-profile.ts";

/** The settings below what the load needs (never the ones above it: lowering is a cost decision). */
export function settingChanges(c: {
  flow: FlowPlan;
  profile: StageProfile;
  recommended: FlowPlan;
  recommendedMaxAcu: number | undefined;
  recommendedApiReserved: number;
  peak: number;
}): SettingChange[] {
  const candidates: SettingChange[] = [
    {
      setting: "orderFlow.batchSize",
      file: settingsFile,
      from: c.flow.batchSize,
      to: c.recommended.batchSize,
    },
    {
      setting: "orderFlow.batchWindowSeconds",
      file: settingsFile,
      from: c.flow.batchWindowSeconds,
      to: c.recommended.batchWindowSeconds,
    },
    {
      setting: "orderFlow.maxConcurrency",
      file: settingsFile,
      from: c.flow.maxConcurrency,
      to: c.recommended.maxConcurrency,
    },
    {
      setting: "aurora.maxAcu",
      file: profileFile,
      from: c.profile.aurora.maxAcu,
      to: c.recommendedMaxAcu ?? c.profile.aurora.maxAcu,
    },
    {
      setting: "reservedConcurrency.api",
      file: profileFile,
      from: c.profile.reservedConcurrency.api,
      to: c.recommendedApiReserved,
    },
    {
      setting: "apiThrottle.rateLimit",
      file: profileFile,
      from: c.profile.apiThrottle.rateLimit,
      to: Math.ceil(c.peak),
    },
    {
      setting: "apiThrottle.burstLimit",
      file: profileFile,
      from: c.profile.apiThrottle.burstLimit,
      // The burst keeps the profile's ratio to the rate.
      to: Math.ceil((c.peak * c.profile.apiThrottle.burstLimit) / c.profile.apiThrottle.rateLimit),
    },
  ];
  return candidates.filter((change) => change.to > change.from);
}
