// The Internet Map of a 1,000-AS Internet (a rendered plan) in a real headless Chromium:
//   node large_map.test.js MAP_URL ARTIFACT_DIR
// 1. it opens in the AS view: one vertex per AS beside the exchanges, ready within 60 s;
// 2. clicking an AS unfolds its routers and hosts in place, and the panel lists them;
// 3. searching for one host's address unfolds that host's AS and selects the host.
'use strict';

const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');

const [url, artifacts] = process.argv.slice(2);
function log(msg) { console.log(`[${new Date().toISOString().slice(11, 23)}] ${msg}`); }
function fail(msg) { throw new Error(msg); }

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const { context, close } = await launch();
  try {
    const page = context.pages()[0] || await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    const started = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => window.asemuMap && window.asemuMap.ready, null, { timeout: 60000 });
    log(`ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const graph = await page.evaluate(() => fetch('/api/graph').then(r => r.json()));
    const asns = [...new Set(graph.vertices.filter(v => v.kind === 'router').map(v => v.asn))];
    const exchanges = graph.vertices.filter(v => v.kind === 'exchange').length;
    const shown = await page.evaluate(() => window.asemuMap.graph.nodes.getIds());
    const asVertices = shown.filter(id => id.startsWith('as:')).length;
    log(`${graph.vertices.length} vertices in the plan, ${asns.length} ASes; drawn: ${shown.length} (${asVertices} AS vertices)`);
    if (asns.length < 1000) fail(`the plan has ${asns.length} ASes`);
    if (asVertices !== asns.length) fail(`${asVertices} AS vertices for ${asns.length} ASes`);
    if (shown.length > asns.length + 2 * exchanges + 50) fail(`${shown.length} vertices drawn in the AS view`);
    await page.screenshot({ path: path.join(artifacts, 'large-map-01-as-view.png') });

    // Click the vertex of the AS with the most nodes.
    const sizes = new Map();
    for (const v of graph.vertices) if (v.asn && v.kind !== 'exchange') sizes.set(v.asn, (sizes.get(v.asn) || 0) + 1);
    const [asn, size] = [...sizes].sort((a, b) => b[1] - a[1])[0];
    const at = await page.evaluate(id => {
      const net = window.asemuMap.graph.network;
      net.focus(id, { scale: 1.0, animation: false });
      const dom = net.canvasToDOM(net.getPositions([id])[id]);
      const box = document.getElementById('graph').getBoundingClientRect();
      return { x: box.left + dom.x, y: box.top + dom.y };
    }, 'as:' + asn);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('.as-members', { timeout: 10000 });
    const listed = await page.$$eval('.as-members tr.pick', rows => rows.length);
    const unfolded = await page.evaluate(a => window.asemuMap.graph.nodes.getIds()
      .filter(id => id.startsWith(`as${a}/`)).length, asn);
    const nodes = graph.vertices.filter(v => v.asn === asn && v.kind !== 'network' && v.kind !== 'exchange').length;
    log(`AS${asn} (${size} vertices): ${unfolded} node vertices drawn after the click, ${listed} listed`);
    if (unfolded !== nodes || listed !== nodes) fail(`AS${asn} has ${nodes} nodes: ${unfolded} drawn, ${listed} listed`);
    if (await page.evaluate(a => window.asemuMap.graph.nodes.get('as:' + a), asn)) fail('the AS vertex is still drawn');
    await page.screenshot({ path: path.join(artifacts, 'large-map-02-unfolded.png') });

    // A host of another AS, found by its address.
    const host = graph.vertices.find(v => v.kind === 'host' && v.asn !== asn);
    await page.fill('#search', host.addresses[0]);
    const found = await page.textContent('#search-result');
    const selected = await page.evaluate(() => window.asemuMap.graph.network.getSelectedNodes());
    log(`search ${host.addresses[0]}: "${found}", selected ${selected}`);
    if (found !== '1 found' || selected.join() !== host.id) fail(`searching ${host.addresses[0]} did not select ${host.id}`);
    if (errors.length) fail('errors on the page: ' + errors.join('; '));
    log('PASS');
  } finally {
    await close();
  }
}

main().catch(e => { console.error(`FAIL: ${e.message}`); process.exit(1); });
