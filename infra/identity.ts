import { apiResourceServer } from "@orders/identity";
import { reportingApi } from "./reporting-gateway";
import {
  type CognitoIdentity,
  cognitoClientFlows,
  cognitoEndpoints,
  cognitoIssuer,
  dashboardPageUrl,
  domainSuffixHexLength,
  type ExternalIssuer,
  identityPlan,
} from "./src/identity-plan";
import { profile } from "./stage";

/** What the gateways' JWT authorizers and the dashboard need from the stage's identity provider. */
export interface StageIdentity {
  issuer: $util.Output<string>;
  audiences: $util.Output<string[]>;
  clientId: $util.Output<string>;
  authorizeUrl: $util.Output<string>;
  tokenUrl: $util.Output<string>;
  scope: string;
  /** The scope every protected route requires (access tokens carry it, ID tokens never do). */
  apiScope: string;
  /**
   * Where the dashboard's "Sign out" ends the provider's session, and the parameter that names where it
   * returns (Cognito's `/logout` takes `logout_uri`); absent, "Sign out" only forgets the token.
   */
  logout?: { url: $util.Output<string>; returnParameter: "post_logout_redirect_uri" | "logout_uri" };
  /** Where a person signs in: the dashboard page, which starts Authorization Code + PKCE at the issuer. */
  signInUrl: $util.Output<string>;
  /** The stage's own user pool (absent with an external issuer). */
  userPoolId?: $util.Output<string>;
  /** The access-token claim that lists a user's groups (staff: the `staff` group). */
  groupsClaim: string;
}

/** The dashboard page: where people sign in, and where the sign-in returns with the code. */
const dashboardUrl = reportingApi.url.apply(dashboardPageUrl);

const plan = identityPlan($app.name, $app.stage, process.env);

/** The stage's identity provider: its own Cognito user pool, or the external issuer its settings name. */
export const identity: StageIdentity = plan.kind === "cognito" ? cognito(plan) : external(plan);

function cognito(plan: CognitoIdentity): StageIdentity {
  const region = aws.getRegionOutput().region;
  const pool = new sst.aws.CognitoUserPool("Users", {
    usernames: ["email"],
    transform: {
      userPool: (args) => {
        // Staff and customers are invited by an operator (docs/deploy.md); nobody signs up on their own.
        args.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
        args.deletionProtection = profile.production ? "ACTIVE" : "INACTIVE";
      },
    },
  });
  new aws.cognito.UserGroup("StaffGroup", {
    userPoolId: pool.id,
    name: plan.staffGroup,
    description: "May read every report (cognito:groups contains staff).",
  });
  // Generated once and kept in the stage's state: the prefix is global to the region across accounts, so
  // the stage name alone could already be taken (see cognitoDomainPrefix).
  const domainSuffix = new random.RandomId("SignInDomainSuffix", { byteLength: domainSuffixHexLength / 2 });
  const domain = new aws.cognito.UserPoolDomain("SignInDomain", {
    userPoolId: pool.id,
    domain: domainSuffix.hex.apply(plan.domainPrefix),
  });
  // The API's resource server: its scope is what every protected route requires (gatewayRoutes).
  const resourceServer = new aws.cognito.ResourceServer("OrdersApiResourceServer", {
    userPoolId: pool.id,
    identifier: apiResourceServer.identifier,
    name: "Orders API",
    scopes: [
      { scopeName: apiResourceServer.scopeName, scopeDescription: "Call the orders and reporting APIs" },
    ],
  });
  const client = pool.addClient("Dashboard", {
    callbackUrls: [dashboardUrl],
    transform: {
      client: (args) => {
        args.allowedOauthFlows = [...cognitoClientFlows.allowedOauthFlows];
        args.explicitAuthFlows = [...cognitoClientFlows.explicitAuthFlows];
        // Through the resource server's output, so the client is updated only once its scope exists.
        args.allowedOauthScopes = resourceServer.scopeIdentifiers.apply(() => plan.scopes);
        // The dashboard's "Sign out" returns there from Cognito's /logout (`logout_uri` must be listed).
        args.logoutUrls = [dashboardUrl];
        args.generateSecret = false;
        args.preventUserExistenceErrors = "ENABLED";
        args.accessTokenValidity = plan.accessTokenMinutes;
        args.idTokenValidity = plan.accessTokenMinutes;
        args.tokenValidityUnits = { accessToken: "minutes", idToken: "minutes", refreshToken: "days" };
      },
    },
  });
  const endpoints = $resolve([domain.domain, region]).apply(([prefix, name]) =>
    cognitoEndpoints(prefix, name),
  );
  return {
    issuer: $resolve([region, pool.id]).apply(([name, id]) => cognitoIssuer(name, id)),
    // Cognito's access tokens carry no `aud`: API Gateway then checks `client_id` against the audiences.
    audiences: client.id.apply((id) => [id]),
    clientId: client.id,
    authorizeUrl: endpoints.authorizeUrl,
    tokenUrl: endpoints.tokenUrl,
    logout: { url: endpoints.logoutUrl, returnParameter: "logout_uri" },
    scope: plan.scopes.join(" "),
    apiScope: plan.apiScope,
    groupsClaim: plan.groupsClaim,
    userPoolId: pool.id,
    signInUrl: dashboardUrl,
  };
}

function external(plan: ExternalIssuer): StageIdentity {
  return {
    issuer: $output(plan.issuer),
    audiences: $output(plan.audience),
    clientId: $output(plan.clientId),
    authorizeUrl: $output(plan.authorizeUrl),
    tokenUrl: $output(plan.tokenUrl),
    scope: plan.scope,
    apiScope: plan.apiScope,
    groupsClaim: plan.groupsClaim,
    signInUrl: dashboardUrl,
  };
}

/**
 * Adds the stage's JWT authorizer to an HTTP API: API Gateway verifies every token before a function runs
 * (the handlers never verify signatures; they read the claims from the event).
 */
export function addJwtAuthorizer(api: sst.aws.ApiGatewayV2) {
  return api.addAuthorizer({ name: "Jwt", jwt: { issuer: identity.issuer, audiences: identity.audiences } });
}
