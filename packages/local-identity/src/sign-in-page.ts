/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The local provider's sign-in form: a plain HTML form posted to `/interaction/<uid>/login`, the page a
 * person (or the browser test) fills in, like Cognito's hosted UI.
 */
export function renderSignInPage(options: { uid: string; clientId: string; error?: string }): string {
  const error = options.error ? `<p role="alert" class="error">${escapeHtml(options.error)}</p>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · serverless-orders (local)</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
label { display: block; margin-top: 1rem; }
input { width: 100%; padding: .5rem; box-sizing: border-box; }
button { margin-top: 1.5rem; padding: .5rem 1rem; }
.error { color: #b00020; }
</style>
</head>
<body>
<h1>Sign in</h1>
<p>Local identity provider for <code>${escapeHtml(options.clientId)}</code>.</p>
${error}
<form method="post" action="/interaction/${escapeHtml(options.uid)}/login" autocomplete="off">
<label>User <input name="username" required autofocus></label>
<label>Password <input name="password" type="password" required></label>
<button type="submit">Sign in</button>
</form>
</body>
</html>`;
}
