// npm run api-routes — regenerate the API reference's route list (app/api/openapi.json/routes.ts) after adding,
// removing or re-describing a route.
import { writeFileSync } from "node:fs";
import { MANIFEST_PATH, renderRouteManifest } from "./manifest";

renderRouteManifest().then(
  (source) => {
    writeFileSync(MANIFEST_PATH, source);
    console.log(`Wrote ${MANIFEST_PATH}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
