/**
 * The local provider's sign-out confirmation (OpenID Connect RP-Initiated Logout): `form` is the
 * provider's own form (`op.logoutForm`, posting to its confirm endpoint with a CSRF token); the button
 * submits it with `logout=yes`. Confirming is what stops another site from signing a person out with a
 * link, so the page asks rather than submitting itself.
 */
export function renderSignOutPage(options: { form: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign out · serverless-orders (local)</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
button { margin-top: 1.5rem; padding: .5rem 1rem; }
</style>
</head>
<body>
<h1>Sign out</h1>
<p>Sign out of the local identity provider on this browser?</p>
${options.form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
</body>
</html>`;
}
