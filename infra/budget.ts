import { orderFlow } from "@orders/settings";
import { assertConnectionBudget, connectionBudget } from "./src/connection-budget";
import { profile } from "./stage";

/**
 * Refuses to deploy a stage whose worst-case connections do not fit the proxy and the database: the same
 * check the unit tests run, here against the stage actually being deployed.
 */
export const budget = connectionBudget({ flow: orderFlow, profile });
assertConnectionBudget($app.stage, budget);
