// Starts Debian's Chromium through playwright-core (no browser download), headless, with a fresh
// profile that is removed afterwards, and with every background network feature off.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

function playwright() {
  const web = path.resolve(__dirname, '../../web/node_modules/playwright-core');
  return require(web);
}

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'asemu-chromium-'));
  const context = await playwright().chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

module.exports = { launch };
