// The anycast demo watched on the Internet Map in a real headless Chromium:
//   node anycast_map.test.js MAP_URL ASEMU EMULATION ARTIFACT_DIR
// 1. every node of the emulation is drawn;
// 2. with the filter "icmp" and a ping 10.150.0.71 -> 10.180.0.100, exactly one anycast host
//    flashes (the one that serves);
// 3. the catchment view of 10.180.0.100 colours AS150 (the pinging host's AS) by the serving
//    host, with the same counts as the API;
// 4. the serving router's panel announces and withdraws a prefix, and the catchment of an
//    address in it shows the ASes that reach the router;
// 5. clicking Disable on every BGP session of that site's router makes the other anycast host
//    flash within a few seconds, and the catchment view then shows every AS at that host.
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

    // The catchment view, from the header form; window.asemuMap.catchment holds what it shows.
    const catchment = async address => {
      await page.evaluate(() => { window.asemuMap.catchment = null; });
      await page.fill('#catchment-address', address);
      await page.click('#catchment-apply');
      // The view's catchment, or null when the page shows an error (which the caller may retry).
      await page.waitForFunction(a => (window.asemuMap.catchment && window.asemuMap.catchment.address === a) ||
                                      document.querySelector('#catchment-status.error'),
                                 address, { timeout: 15000 })
        .catch(async () => fail(`no catchment of ${address}: ${await page.textContent('#catchment-status')}`));
      return page.evaluate(() => window.asemuMap.catchment);
    };
    let view = await catchment('10.180.0.100');
    if (!view) fail(`catchment of 10.180.0.100: ${await page.textContent('#catchment-status')}`);
    const predicted = (await page.evaluate(() => fetch('/api/catchment?address=10.180.0.100').then(r => r.json())))
      .counts.predicted;
    log(`catchment view: ${JSON.stringify(view.counts)}; API: ${JSON.stringify(predicted)}`);
    if (JSON.stringify(view.counts, Object.keys(view.counts).sort()) !==
        JSON.stringify(predicted, Object.keys(predicted).sort()))
      fail('the catchment view and the API count differently');
    if (view.placeOf[150] !== ANYCAST[serving])
      fail(`the catchment view puts AS150 at ${view.placeOf[150]}, its pings arrive at ${ANYCAST[serving]}`);
    const colours = await page.evaluate(() => {
      const g = window.asemuMap.graph;
      return [g.nodes.get('as150/host_0').color.background, g.nodes.get('as180/host-0').color.background,
              g.nodes.get('as180/host-1').color.background];
    });
    if (colours[1] === colours[2]) fail('both anycast sites have the same colour in the catchment view');
    if (colours[0] !== colours[1 + serving]) fail(`AS150 is not in the colour of ${ANYCAST[serving]}`);
    await page.mouse.move(5, 995);
    await shot('map-03-catchment.png');

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
    await shot('map-04-bgp-before.png');

    // Announce a prefix from the router's panel; a prefix with host bits set is refused there.
    await page.waitForSelector('.announce-form', { timeout: 10000 });
    await page.fill('.announce-prefix', '10.199.0.1/24');
    await page.click('.announce-form button');
    await page.waitForSelector('.announce-status.error', { timeout: 10000 });
    log(`announcing 10.199.0.1/24: ${await page.textContent('.announce-status')}`);
    await page.fill('.announce-prefix', '10.199.0.0/24');
    await page.click('.announce-form button');
    await page.waitForSelector('.announce-table tr[data-prefix="10.199.0.0/24"]', { timeout: 10000 });
    log(`announced: ${await page.textContent('.announce-status')}`);
    let reaching = 0;
    for (let i = 0; i < 20 && reaching < 2; i++) {  // the announcement spreads in well under a second
      view = await catchment('10.199.0.1');
      reaching = view ? view.counts[router] || 0 : 0;
      if (reaching < 2) await page.waitForTimeout(250);
    }
    log(`catchment of 10.199.0.1: ${JSON.stringify(view && view.counts)}`);
    if (reaching < 2) fail(`after the announcement, ${reaching} ASes reach ${router} for 10.199.0.1`);
    await page.click('.announce-table tr[data-prefix="10.199.0.0/24"] .withdraw');
    await page.waitForFunction(() => !document.querySelector('.announce-table tr[data-prefix]'), null,
                               { timeout: 10000 }).catch(() => fail('the withdrawn prefix is still listed'));
    const left = await page.evaluate(id => fetch('/api/announce?node=' + encodeURIComponent(id))
      .then(r => r.json()), router);
    if (left.announced.length) fail(`after Withdraw the router still announces ${left.announced}`);
    await page.click('#catchment-clear');

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
    await shot('map-05-switched.png');
    view = await catchment('10.180.0.100');
    if (!view) fail(`catchment after the switch: ${await page.textContent('#catchment-status')}`);
    log(`catchment after the switch: ${JSON.stringify(view.counts)}`);
    // Every AS but AS180 itself, whose first router is router0 (with site 0 on its own network).
    const elsewhere = Object.entries(view.placeOf).filter(([asn, place]) => asn !== '180' && place !== ANYCAST[other]);
    if (elsewhere.length)
      fail(`after disabling ${router}, the catchment view shows ${JSON.stringify(view.counts)}`);
    await shot('map-06-catchment-switched.png');

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
    await shot('map-07-replay.png');
    if (errors.length) fail('errors on the page: ' + errors.join('; '));
    log('PASS');
  } finally {
    if (ping) ping.kill('SIGTERM');
    await close();
  }
}

main().catch(e => { console.error(`FAIL: ${e.message}`); process.exit(1); });
