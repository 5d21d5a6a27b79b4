import { stageProfile } from "./src/stage-profile";

/** The profile of the stage being deployed (personal/dev stages vs production). */
export const profile = stageProfile($app.stage);
