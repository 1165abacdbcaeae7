/** `npm run api-docs`: regenerate docs/api.md from the router. */
import { writeFileSync } from "node:fs";
import { renderApiDocs } from "~/server/api/api-docs";

writeFileSync(new URL("../docs/api.md", import.meta.url), renderApiDocs());
console.log("docs/api.md written");
