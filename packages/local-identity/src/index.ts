export { type LocalAccount, LocalAccounts } from "./local-accounts";
export { accountsFileFor, DEFAULT_IDENTITY_PORT, localIssuer } from "./local-identity-location";
export {
  LOCAL_API_SCOPE,
  LOCAL_AUDIENCE,
  LOCAL_CLIENT_ID,
  type LocalIdentity,
  type LocalIdentityOptions,
  startLocalIdentity,
  TOKEN_COMMAND_REDIRECT_URI,
} from "./local-identity-provider";
export { type SignedIn, signInWithPassword } from "./sign-in-with-password";
