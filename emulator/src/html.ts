// Self-contained pages (no external assets): the emulator runs offline.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(22rem, 90vw); padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 0.75rem; }
  h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
  p.hint { margin: 0 0 1.5rem; opacity: 0.75; font-size: 0.9rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.35rem; }
  input { box-sizing: border-box; width: 100%; padding: 0.55rem 0.65rem; font: inherit; border-radius: 0.4rem; border: 1px solid color-mix(in srgb, CanvasText 35%, transparent); }
  input:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.6rem; font: inherit; font-weight: 600; border: 0; border-radius: 0.4rem; background: #1d4ed8; color: #fff; cursor: pointer; }
  .error { margin: 1rem 0 0; padding: 0.6rem 0.75rem; border-radius: 0.4rem; background: #fee2e2; color: #7f1d1d; }
`;

export function page(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ZITADEL emulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

export interface LoginFormState {
  action: string;
  loginName?: string;
  failed?: boolean;
}

/** Field names `loginName` / `password`; e2e tests fill them by their labels. */
export function loginPage({ action, loginName = "", failed = false }: LoginFormState): string {
  const error = failed ? `<p class="error" id="login-error" role="alert">Wrong login name or password</p>` : "";
  const describedBy = failed ? ` aria-describedby="login-error" aria-invalid="true"` : "";
  return page(
    "Sign in",
    `<h1>Sign in</h1>
<p class="hint">Local ZITADEL emulator</p>
<form method="post" action="${escapeHtml(action)}" novalidate>
<label for="loginName">Login name</label>
<input id="loginName" name="loginName" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(loginName)}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
${error}
<button type="submit">Sign in</button>
</form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
