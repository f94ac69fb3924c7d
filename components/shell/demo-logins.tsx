/** The demo's operator logins (DEMO_LOGINS), on the sign-in page, so a newcomer does not have to look them up. */
export function DemoLogins({ logins }: { logins: readonly { login: string; password: string; role: string }[] }) {
  if (logins.length === 0) return null;
  return (
    <section aria-labelledby="demo-logins" className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <h2 id="demo-logins" className="text-sm font-semibold">
        Demo logins
      </h2>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Sign in at the ZITADEL emulator as any of these.</p>
      <table className="mt-2 w-full border-collapse text-left text-xs">
        <thead>
          <tr className="text-zinc-500 dark:text-zinc-400">
            <th scope="col" className="py-1 pr-2 font-medium">
              Login
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Password
            </th>
            <th scope="col" className="py-1 font-medium">
              Role
            </th>
          </tr>
        </thead>
        <tbody>
          {logins.map(({ login, password, role }) => (
            <tr key={login} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1 pr-2 font-mono">{login}</td>
              <td className="py-1 pr-2 font-mono break-all">{password}</td>
              <td className="py-1">{role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
