// node screenshot.js URL OUT.png [width height]: a picture of the map once its layout settled.
'use strict';
const { launch } = require('./browser');

(async () => {
  const [url, out, w, h] = process.argv.slice(2);
  const { context, close } = await launch();
  try {
    const page = context.pages()[0] || await context.newPage();
    if (w) await page.setViewportSize({ width: +w, height: +h });
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url);
    await page.waitForFunction(() => window.asemuMap && window.asemuMap.ready, null, { timeout: 30000 })
      .catch(e => errors.push('not ready: ' + e.message));
    await page.waitForTimeout(300);
    await page.screenshot({ path: out });
    const counts = await page.evaluate(() => window.asemuMap && window.asemuMap.nodeCount
      ? [window.asemuMap.nodeCount(), window.asemuMap.vertexCount()] : []);
    console.log(`nodes drawn ${counts[0]}, vertices ${counts[1]}`);
    if (errors.length) console.log('page errors:\n' + errors.join('\n'));
  } finally {
    await close();
  }
})().catch(e => { console.error(e); process.exit(1); });
