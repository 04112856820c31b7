// Performance budget of issue #5: what the first open of the storefront transfers, compressed,
// in all (HTML, CSS, JS, wasm; photos are reported apart). Opens BASE_URL/shop in a fresh
// headless Chromium with an empty cache, as a shopper's first visit, waits for hydration and
// the network to settle, and sums each response's bytes on the wire (headers + encoded body)
// as Chromium's network stack counted them. Prints one line per resource and a total.
// Run through scripts/bench.sh, which builds the release site and starts the server.
import { chromium } from "@playwright/test";

const BUDGET = 250 * 1024;
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const seen = [];
page.on("requestfinished", async (request) => {
  const response = await request.response();
  const sizes = await request.sizes();
  seen.push({
    url: new URL(request.url()).pathname,
    type: request.resourceType(),
    encoding: (await response?.headerValue("content-encoding")) ?? "identity",
    wire: sizes.responseHeadersSize + sizes.responseBodySize,
  });
});
await page.goto(`${base}/shop`, { waitUntil: "networkidle" });
await page.locator('main[data-hydrated="true"]').waitFor({ timeout: 15_000 });
await page.waitForLoadState("networkidle");
await browser.close();

const kind = (r) => (r.type === "image" ? "photos" : "code");
const code = seen.filter((r) => kind(r) === "code");
const photos = seen.filter((r) => kind(r) === "photos");
const sum = (list) => list.reduce((total, r) => total + r.wire, 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
for (const r of seen.sort((a, b) => b.wire - a.wire)) {
  console.log(`${kb(r.wire).padStart(10)}  ${r.encoding.padEnd(8)} ${r.type.padEnd(10)} ${r.url}`);
}
const total = sum(code);
console.log(`photos (lazy, apart from the budget): ${kb(sum(photos))} in ${photos.length} requests`);
console.log(
  `first open of /shop: ${kb(total)} compressed (html, css, js, wasm) in ${code.length} requests; ` +
    `budget ${kb(BUDGET)}: ${total <= BUDGET ? "within" : "OVER"}`,
);
console.log(`FIGURE|first open of /shop, bytes on the wire|${kb(total)}|budget ${kb(BUDGET)}|${(total / BUDGET).toFixed(2)}× the budget|≤ 200 KB`);
process.exit(total <= BUDGET ? 0 : 1);
