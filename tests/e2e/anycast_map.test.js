// The anycast demo watched on the Internet Map in a real headless Chromium:
//   node anycast_map.test.js MAP_URL ASEMU EMULATION ARTIFACT_DIR
// 1. every node of the emulation is drawn;
// 2. with the filter "icmp" and a ping 10.150.0.71 -> 10.180.0.100, exactly one anycast host
//    flashes (the one that serves);
// 3. clicking Disable on every BGP session of that site's router makes the other anycast host
//    flash within a few seconds.
// Screenshots of each step go to ARTIFACT_DIR.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');

const [url, asemu, emulation, artifacts] = process.argv.slice(2);
const ANYCAST = ['as180/host-0', 'as180/host-1'];

function log(msg) { console.log(`[${new Date().toISOString().slice(11, 23)}] ${msg}`); }
function fail(msg) { throw new Error(msg); }

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const { context, close } = await launch();
  let ping = null;
  try {
    const page = context.pages()[0] || await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    const shot = async name => {
      const file = path.join(artifacts, name);
      await page.screenshot({ path: file });
      log(`screenshot ${file}`);
    };

    await page.goto(url);
    await page.waitForFunction(() => window.asemuMap && window.asemuMap.ready, null, { timeout: 30000 });
    const graph = await page.evaluate(() => fetch('/api/graph').then(r => r.json()));
    const planNodes = graph.vertices.filter(v => v.kind !== 'exchange' && v.kind !== 'network');
    const drawn = await page.evaluate(() => window.asemuMap.nodeCount());
    log(`nodes in the emulation: ${planNodes.length}, drawn: ${drawn}`);
    if (planNodes.length !== 62) fail(`the anycast demo has 62 nodes, the API lists ${planNodes.length}`);
    if (drawn !== planNodes.length) fail(`${drawn} of ${planNodes.length} nodes drawn`);
    await shot('map-01-graph.png');

    // Search by address, and an invalid filter shows libpcap's message.
    await page.fill('#search', '10.150.0.71');
    const found = await page.textContent('#search-result');
    if (found !== '1 found') fail(`searching 10.150.0.71: "${found}"`);
    await page.fill('#search', '');
    await page.fill('#filter', 'icmp and');
    await page.click('#filter-apply');
    await page.waitForSelector('#filter-status.error', { timeout: 5000 });
    const problem = await page.textContent('#filter-status');
    log(`invalid filter shows: ${problem}`);
    if (!problem.includes("invalid filter 'icmp and': can't parse filter expression: syntax error"))
      fail(`unexpected message for an invalid filter: ${problem}`);

    await page.fill('#filter', 'icmp');
    await page.click('#filter-apply');
    await page.waitForFunction(() => window.asemuMap.streamOpen, null, { timeout: 10000 });
    log('watching icmp');

    // Bounded: at most 150 pings, 5 per second.
    ping = spawn(asemu, ['exec', '-e', emulation, '10.150.0.71', '--', 'ping', '-c', '150', '-i', '0.2',
                         '10.180.0.100'], { stdio: 'ignore' });
    const flashes = () => page.evaluate(ids => ids.map(id => window.asemuMap.flashCount[id] || 0), ANYCAST);
    await page.waitForFunction(ids => ids.some(id => window.asemuMap.flashCount[id]), ANYCAST,
                               { timeout: 15000 }).catch(() => {});
    await page.waitForTimeout(1500);
    let counts = await flashes();
    log(`flashes ${ANYCAST[0]}: ${counts[0]}, ${ANYCAST[1]}: ${counts[1]}`);
    if (!counts[0] && !counts[1]) fail('no anycast host flashed while 10.150.0.71 pinged 10.180.0.100');
    if (counts[0] && counts[1]) fail('both anycast hosts flashed; one of them should serve 10.150.0.71');
    const serving = counts[0] ? 0 : 1;
    const other = 1 - serving;
    log(`serving instance: ${ANYCAST[serving]}`);
    await page.mouse.move(5, 995);
    await shot('map-02-serving.png');

    // The serving site's router: the router on the serving host's network.
    const hostNet = graph.edges.find(e => e.from === ANYCAST[serving]).to;
    const router = graph.edges.find(e => e.to === hostNet && e.from !== ANYCAST[serving] &&
      graph.vertices.find(v => v.id === e.from).kind === 'router').from;
    log(`clicking ${router}`);
    const at = await page.evaluate(id => {
      const net = window.asemuMap.graph.network;
      net.focus(id, { scale: 1.0, animation: false });
      window.asemuMap.graph.updateLabels();
      const p = net.getPositions([id])[id];
      const dom = net.canvasToDOM(p);
      const box = document.getElementById('graph').getBoundingClientRect();
      return { x: box.left + dom.x, y: box.top + dom.y };
    }, router);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('.bgp-table', { timeout: 10000 });
    const sessions = await page.$$eval('.bgp-table tr[data-session]', rows => rows.map(r => r.dataset.session));
    log(`${router} sessions: ${sessions.join(', ')}`);
    if (!sessions.length) fail(`${router} shows no BGP sessions`);
    await shot('map-03-bgp-before.png');

    await page.click('#record');
    const before = await flashes();
    const clicked = Date.now();
    for (const s of sessions) {
      log(`disabling ${s}`);
      await page.click(`.bgp-table tr[data-session="${s}"] button[data-action="disable"]`);
      await page.waitForSelector(`.bgp-table tr[data-session="${s}"] button[data-action="enable"]`, { timeout: 5000 });
      log(`disabled ${s}`);
    }
    await page.waitForFunction(([id, n]) => (window.asemuMap.flashCount[id] || 0) > n,
                               [ANYCAST[other], before[other]], { timeout: 10000 })
      .catch(() => fail(`${ANYCAST[other]} did not flash within 10 s after disabling ${router}'s sessions`));
    const seconds = (Date.now() - clicked) / 1000;
    log(`${ANYCAST[other]} flashed ${seconds.toFixed(1)} s after the first Disable click`);
    // The traffic moved rather than being copied: the former instance sees no more pings.
    await page.waitForTimeout(1000);
    const settled = (await flashes())[serving];
    await page.waitForTimeout(2000);
    const after = await flashes();
    if (after[serving] !== settled) fail(`${ANYCAST[serving]} still receives pings after the switch`);
    if (after[other] <= before[other]) fail(`${ANYCAST[other]} stopped receiving pings`);
    await page.mouse.move(5, 995);  // no tooltip over the picture
    await page.evaluate(() => {
      window.asemuMap.graph.network.fit({ animation: false });
      window.asemuMap.graph.updateLabels();
    });
    await page.waitForTimeout(300);
    await shot('map-04-switched.png');

    // Replay what was recorded around the switch, with the live stream stopped.
    await page.click('#record');
    await page.click('#filter-stop');
    await page.waitForTimeout(1200);
    const replayBefore = (await flashes())[other];
    await page.click('#replay');
    await page.waitForFunction(([id, n]) => (window.asemuMap.flashCount[id] || 0) > n,
                               [ANYCAST[other], replayBefore], { timeout: 10000 })
      .catch(() => fail(`${ANYCAST[other]} did not flash during the replay`));
    const replayed = await page.$$eval('#log .replay', rows => rows.length);
    log(`replay: ${replayed} log lines, ${ANYCAST[other]} flashed again`);
    if (!replayed) fail('the replay added no lines to the log');
    await shot('map-05-replay.png');
    if (errors.length) fail('errors on the page: ' + errors.join('; '));
    log('PASS');
  } finally {
    if (ping) ping.kill('SIGTERM');
    await close();
  }
}

main().catch(e => { console.error(`FAIL: ${e.message}`); process.exit(1); });
