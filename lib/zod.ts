import { z } from "zod";

// zod for code that also runs in the browser. Pages allow no eval (proxy.ts), and zod's compiled parsers need
// `new Function`: even its probe for it shows up as a CSP violation. The setting must come before the first schema,
// so browser-side schemas import `z` from here.
z.config({ jitless: true });

export { z };
export type { ZodError } from "zod";
