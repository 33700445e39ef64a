// The side panels: node details with BGP switches, the packet log, the recorder and the console.
'use strict';

const Panels = (() => {
  const esc = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  async function api(path, options = {}) {
    const res = await fetch(path, Object.assign({ credentials: 'same-origin' }, options));
    let body = null;
    try { body = await res.json(); } catch (e) { body = { error: res.statusText }; }
    if (!res.ok) throw new Error(body && body.error ? body.error : res.statusText);
    return body;
  }

  function stateClass(s) {
    if (s.established) return 'state-up';
    if (!s.enabled || s.state === 'down') return 'state-down';
    return 'state-other';
  }

  class Details {
    constructor(el, session, hooks) {
      this.el = el;
      this.session = session;
      this.hooks = hooks;
      this.current = null;
      this.timer = null;
    }

    async show(vertex) {
      this.current = vertex;
      clearInterval(this.timer);
      if (vertex.kind === 'exchange' || vertex.kind === 'network') return this.showNetwork(vertex);
      if (vertex.kind === 'as') return this.showAs(vertex);
      let node;
      try { node = await api('/api/node?id=' + encodeURIComponent(vertex.id)); }
      catch (e) { if (this.current === vertex) this.el.innerHTML = `<p class="error">${esc(e.message)}</p>`; return; }
      if (this.current !== vertex) return;  // another vertex was picked meanwhile
      const rows = node.interfaces.map(i =>
        `<tr><td>${esc(i.name)}</td><td>${esc(i.address)}</td><td>${esc(i.network)}</td></tr>`).join('');
      const consoleButton = this.session.console
        ? `<button id="open-console" type="button">Console</button>` : '';
      this.el.innerHTML = `<h2>${esc(node.label)} ${consoleButton}</h2>
        <div class="hint">${esc(node.role)} · ${esc(node.container)}${node.loopback ? ' · loopback ' + esc(node.loopback) : ''}</div>
        <table><tr><th>interface</th><th>address</th><th>network</th></tr>${rows}</table>
        <div id="bgp"></div><div id="announce"></div>`;
      if (this.session.console)
        this.el.querySelector('#open-console').onclick = () => this.hooks.openConsole(node);
      if (node.bgp && node.kind === 'router') this.showAnnounced(node.id);
      if (node.bgp) {
        await this.refreshBgp(node.id);
        if (this.current !== vertex) return;
        this.timer = setInterval(() => this.refreshBgp(node.id), 2000);
      }
    }

    // An AS of the AS view, unfolded on the map: its nodes, each one click from its details.
    showAs(v) {
      const rows = v.members.map(id => this.hooks.vertex(id)).filter(m => m.kind !== 'network')
        .map(m => `<tr data-id="${esc(m.id)}" class="pick"><td><b>${esc(m.label)}</b></td><td>${esc(m.kind)}</td>
          <td>${esc((m.addresses || []).join(', '))}</td></tr>`).join('');
      this.el.innerHTML = `<h2>AS${esc(v.asn)}</h2>
        <div class="hint">${v.routers} router${v.routers === 1 ? '' : 's'} · ${v.hosts} host${v.hosts === 1 ? '' : 's'} · unfolded on the map</div>
        <table class="as-members"><tr><th>node</th><th>kind</th><th>addresses</th></tr>${rows}</table>`;
      for (const tr of this.el.querySelectorAll('tr.pick')) tr.onclick = () => this.hooks.pick(tr.dataset.id);
    }

    showNetwork(v) {
      this.el.innerHTML = `<h2>${esc(v.label)}</h2><div class="hint">${esc(v.kind === 'exchange' ? 'Internet exchange' : 'local network')} · ${esc(v.prefix)} · ${esc(v.network)}</div>`;
    }

    // The box `selector` of the panel with what `path` answers for the node (or `known`), once
    // the node is still the one shown; null after an error, which the box then shows.
    async panelData(selector, path, what, nodeId, known) {
      const box = this.el.querySelector(selector);
      if (!box || !this.current || this.current.id !== nodeId) return null;
      let data = known;
      if (!data) {
        try { data = await api(path + encodeURIComponent(nodeId)); }
        catch (e) { box.innerHTML = `<p class="error">${what}: ${esc(e.message)}</p>`; return null; }
      }
      if (!this.current || this.current.id !== nodeId) return null;
      return { box, data };
    }

    async refreshBgp(nodeId, known) {
      const got = await this.panelData('#bgp', '/api/bgp?node=', 'BGP', nodeId, known);
      if (!got) return;
      const { box, data } = got;
      // Rebuilding an unchanged table would swap the buttons under the pointer.
      const text = JSON.stringify(data.sessions.map(s => [s.name, s.state, s.info, s.enabled]));
      if (box.dataset.shown === text) return;
      box.dataset.shown = text;
      const rows = data.sessions.map(s => `<tr data-session="${esc(s.name)}">
          <td><b>${esc(s.name)}</b></td><td>${esc(s.neighbor)}</td>
          <td class="${stateClass(s)}">${esc(s.info || s.state)}</td>
          <td><button type="button" class="bgp-toggle" data-action="${s.enabled ? 'disable' : 'enable'}">${s.enabled ? 'Disable' : 'Enable'}</button></td></tr>`).join('');
      box.innerHTML = `<table class="bgp-table"><tr><th>BGP session</th><th>neighbor</th><th>state</th><th></th></tr>${rows}</table>`;
      for (const b of box.querySelectorAll('.bgp-toggle'))
        b.onclick = () => this.toggle(nodeId, b.closest('tr').dataset.session, b.dataset.action, b);
    }

    // The prefixes the router originates besides its networks, with a Withdraw button each, and
    // a field to announce one more (POST /api/announce, as `asemu bgp NODE announce PREFIX`).
    async showAnnounced(nodeId, known, message) {
      const got = await this.panelData('#announce', '/api/announce?node=', 'Announcements', nodeId, known);
      if (!got) return;
      const { box, data } = got;
      const rows = data.announced.map(p => `<tr data-prefix="${esc(p)}"><td><b>${esc(p)}</b></td>
          <td><button type="button" class="withdraw">Withdraw</button></td></tr>`).join('');
      box.innerHTML = `<table class="announce-table"><tr><th>announced prefix</th><th></th></tr>${rows ||
          '<tr><td class="hint" colspan="2">none besides its networks</td></tr>'}</table>
        <form class="announce-form" autocomplete="off">
          <input class="announce-prefix" type="text" placeholder="prefix to originate, e.g. 10.153.0.0/25" spellcheck="false">
          <button type="submit">Announce</button></form>
        <div class="announce-status ${message && message.error ? 'error' : 'hint'}">${esc(message ? message.text : '')}</div>`;
      const change = async (prefix, action) => {
        let result, note;
        try {
          result = await api('/api/announce', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ node: nodeId, prefix, action }),
          });
          note = { text: result.done };
        } catch (e) {
          note = { text: e.message, error: true };
        }
        await this.showAnnounced(nodeId, result, note);
      };
      box.querySelector('.announce-form').onsubmit = ev => {
        ev.preventDefault();
        change(box.querySelector('.announce-prefix').value.trim(), 'announce');
      };
      for (const b of box.querySelectorAll('.withdraw'))
        b.onclick = () => { b.disabled = true; change(b.closest('tr').dataset.prefix, 'withdraw'); };
    }

    async toggle(nodeId, session, action, button) {
      button.disabled = true;
      let data;
      try {
        data = await api('/api/bgp', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ node: nodeId, session, action }),
        });
      } catch (e) {
        alert(`${action} ${session}: ${e.message}`);
      }
      await this.refreshBgp(nodeId, data);
    }
  }

  class Log {
    constructor(el, statsEl, onPick) {
      this.el = el;
      this.statsEl = statsEl;
      this.onPick = onPick;
      this.max = 400;
      this.readingSince = -1e9;
      el.addEventListener('wheel', () => { this.readingSince = performance.now(); }, { passive: true });
      this.packets = 0;
      this.dropped = 0;
    }

    add(e, replay) {
      const d = new Date(e.time * 1000);
      const t = d.toTimeString().slice(0, 8) + '.' + String(d.getMilliseconds()).padStart(3, '0');
      const row = document.createElement('div');
      if (replay) row.className = 'replay';
      row.innerHTML = `<span class="t">${t}</span> <span class="n">${esc(e.node)}</span> <span class="i">${esc(e.interface)} ${e.direction === 'to' ? '&larr;' : '&rarr;'}</span> ${esc(e.summary)}${e.count > 1 ? ` <span class="c">&times;${e.count}</span>` : ''}`;
      row.dataset.node = e.node;
      row.onclick = () => this.onPick(e.node);
      this.el.appendChild(row);
      while (this.el.childElementCount > this.max) this.el.firstElementChild.remove();
      // Follow new events unless the reader scrolled back in the last few seconds.
      if (performance.now() - this.readingSince > 5000) this.el.scrollTop = this.el.scrollHeight;
    }

    stats(packets, dropped) {
      this.packets += packets;
      this.dropped += dropped;
      this.statsEl.textContent = `${this.packets} packets` + (this.dropped ? `, ${this.dropped} places not listed` : '');
    }

    clear() {
      this.el.innerHTML = '';
      this.packets = this.dropped = 0;
      this.statsEl.textContent = '';
    }
  }

  // Keeps events with their arrival time; replays them with the same spacing.
  class Recorder {
    constructor() { this.recording = false; this.events = []; this.started = 0; this.replaying = null; }
    start() { this.recording = true; this.events = []; this.started = performance.now(); }
    stop() { this.recording = false; }
    add(e) { if (this.recording) this.events.push({ at: performance.now() - this.started, event: e }); }
    replay(play, done) {
      this.cancel();
      const timers = this.events.map(r => setTimeout(() => play(r.event), r.at));
      const last = this.events.length ? this.events[this.events.length - 1].at : 0;
      timers.push(setTimeout(() => { this.replaying = null; done(); }, last + 50));
      this.replaying = timers;
    }
    cancel() { if (this.replaying) this.replaying.forEach(clearTimeout); this.replaying = null; }
    json() { return JSON.stringify({ recorded: new Date().toISOString(), events: this.events }, null, 1); }
  }

  class ConsoleView {
    constructor(pane, titleEl, termEl, closeEl, session) {
      this.pane = pane; this.titleEl = titleEl; this.termEl = termEl; this.session = session;
      closeEl.onclick = () => this.close();
      this.ws = null; this.term = null;
    }
    open(node) {
      this.close();
      this.pane.hidden = false;
      this.titleEl.textContent = `${node.label} — ${node.container}`;
      this.term = new Terminal({ fontSize: 13, cursorBlink: true, theme: { background: '#111' } });
      this.fit = new FitAddon.FitAddon();
      this.term.loadAddon(this.fit);
      this.term.open(this.termEl);
      this.fit.fit();
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(`${proto}//${location.host}/api/console?node=${encodeURIComponent(node.id)}`);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => ws.send(JSON.stringify({ type: 'resize', cols: this.term.cols, rows: this.term.rows }));
      // The shell's output comes in binary messages; text messages are the server's errors.
      ws.onmessage = m => {
        if (typeof m.data !== 'string') return this.term.write(new Uint8Array(m.data));
        let msg = null;
        try { msg = JSON.parse(m.data); } catch (e) { /* not JSON: show as is */ }
        this.term.write(`\r\n[${msg && msg.error ? msg.error : m.data}]\r\n`);
      };
      ws.onclose = () => this.term && this.term.write('\r\n[connection closed]\r\n');
      this.term.onData(d => ws.readyState === 1 && ws.send(JSON.stringify({ type: 'input', data: d })));
      this.ws = ws;
      this.term.focus();
    }
    close() {
      if (this.ws) { this.ws.onclose = null; this.ws.close(); this.ws = null; }
      if (this.term) { this.term.dispose(); this.term = null; }
      this.termEl.innerHTML = '';
      this.pane.hidden = true;
    }
  }

  return { api, Details, Log, Recorder, ConsoleView, esc };
})();
