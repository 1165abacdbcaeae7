/**
 * `npm run publish -- --page <id|slug>`: publishes a page's draft (rules, overrides, policies,
 * messaging) as a new revision and prints its public addresses.
 */
import { apiFromEnv, parseCli, required, resolvePage, runCli } from "./lib/cli";

const usage = `usage: npm run publish -- --page <id|slug>

Publishes the page's current draft as a new revision. The public page serves it at once.

  --page <id|slug>   the page to publish (its numeric id or its slug)
  -h, --help         show this help

Environment: COMPAT_API_URL (default http://localhost:3000), COMPAT_API_KEY (required).`;

let apiUrl: string | undefined;

async function main() {
  const args = parseCli(process.argv.slice(2), { page: { type: "string" } }, usage);
  const pageArg = required(args.page, "--page");
  const { api, url } = apiFromEnv();
  apiUrl = url;
  const page = await resolvePage(api, pageArg);
  const result = await api.pages.publish.mutate({ pageId: page.id });
  const me = await api.org.me.query();
  const org = me.organization;
  console.log(`published "${page.name}" (page ${page.id}) as revision ${result.revision}`);
  console.log(`public page: ${url}/p/${org.slug}/${page.slug}`);
  if (org.customSubdomain) {
    const u = new URL(url);
    console.log(`subdomain:   ${u.protocol}//${org.customSubdomain}.${u.host.replace(/^www\./, "")}/${page.slug}`);
  }
}

runCli(usage, main, () => apiUrl);
