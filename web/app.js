// The Internet Map page: loads the graph, wires the search, the BPF filter and its event stream,
// the recorder and the panels. window.asemuMap exposes its state for automated checks.
'use strict';

(async () => {
  const $ = id => document.getElementById(id);
  const state = window.asemuMap = { ready: false, events: 0, streamOpen: false };
  let session, graph;
  try {
    session = await Panels.api('/api/session');
    graph = await Panels.api('/api/graph');
  } catch (e) {
    document.body.innerHTML = `<p style="padding:20px;color:#c62828">Cannot load the map: ${Panels.esc(e.message)}</p>`;
    return;
  }
  document.title = `${session.emulation} — asemu Internet Map`;
  $('emulation-name').textContent = `${session.emulation} · ${graph.vertices.filter(v => v.kind !== 'exchange' && v.kind !== 'network').length} nodes`;

  const consoleView = new Panels.ConsoleView($('console-pane'), $('console-title'), $('terminal'), $('console-close'), session);
  let map = null;
  const details = new Panels.Details($('details'), session, {
    openConsole: n => consoleView.open(n),
    vertex: id => map.byId.get(id),
    pick: id => { map.select(id); details.show(map.byId.get(id)); },
  });
  map = new MapGraph.Graph($('graph'), graph, {
    onSelect: v => details.show(v),
    onStable: () => { state.ready = true; },
  });
  const log = new Panels.Log($('log'), $('log-stats'), id => { map.select(id); details.show(map.byId.get(id)); });
  const recorder = new Panels.Recorder();
  state.graph = map;
  state.flashCount = map.flashCount;
  state.nodeCount = () => map.drawnNodeCount();
  state.vertexCount = () => map.nodes.length;

  // Legend: shapes, then the AS colours are visible on the groups themselves.
  $('legend').innerHTML = '<span><i style="background:#37474f"></i>exchange</span>' +
    '<span><i style="border:2px solid #666;background:#fff"></i>network</span>' +
    '<span><i style="border-radius:50%;background:#7a9"></i>router</span>' +
    '<span><i style="clip-path:polygon(25% 5%,75% 5%,100% 50%,75% 95%,25% 95%,0 50%);background:#7a9"></i>host</span>' +
    '<span><i style="transform:rotate(45deg) scale(.8);background:#90a4ae"></i>route server</span>' +
    (map.asView ? '<span><i style="border-radius:50%;background:#7a9;width:14px;height:14px"></i>AS: click to unfold</span>' : '');

  $('search').addEventListener('input', e => {
    const hits = map.search(e.target.value);
    $('search-result').textContent = e.target.value.trim() ? `${hits.length} found` : '';
    if (hits.length === 1) details.show(hits[0]);
  });

  function showEvent(e, replay) {
    map.flash(e.node);
    map.flash('net:' + e.network);
    log.add(e, replay);
  }

  let ws = null;
  function stopStream() {
    if (ws) { ws.onclose = null; ws.close(); ws = null; }
    state.streamOpen = false;
    $('filter-stop').disabled = true;
  }
  $('filter-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const filter = $('filter').value.trim();
    stopStream();
    const status = $('filter-status');
    try {
      await Panels.api('/api/filter', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                        body: JSON.stringify({ filter }) });
    } catch (e) {
      $('filter').classList.add('bad');
      status.className = 'hint error';
      status.textContent = e.message;
      return;
    }
    $('filter').classList.remove('bad');
    status.className = 'hint';
    status.textContent = 'connecting…';
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    ws = new WebSocket(`${proto}//${location.host}/api/events?filter=${encodeURIComponent(filter)}`);
    $('filter-stop').disabled = false;
    ws.onmessage = m => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'ready') {
        state.streamOpen = true;
        status.className = 'hint live';
        status.textContent = `watching ${filter || 'all packets'}`;
      } else if (msg.type === 'error') {
        status.className = 'hint error';
        status.textContent = msg.error;
      } else if (msg.type === 'events') {
        for (const e of msg.events) { state.events++; recorder.add(e); showEvent(e, false); }
        log.stats(msg.packets, msg.dropped);
      }
    };
    ws.onclose = () => {
      state.streamOpen = false;
      if (status.className !== 'hint error') { status.className = 'hint'; status.textContent = 'stream closed'; }
    };
  });
  // Catchment view: every AS in the colour of the place its traffic to an address reaches,
  // predicted from BIRD's tables (and measured with one probe per AS when asked; measured wins).
  const PLACE_HUES = [210, 25, 135, 285, 48, 335, 175, 5, 95, 250];
  const placeColour = i => {
    if (i < 0) return { fill: '#9e9e9e', border: '#616161', shade: 'rgba(120,120,120,0.25)' };
    const h = PLACE_HUES[i % PLACE_HUES.length];
    return { fill: `hsl(${h}, 72%, 50%)`, border: `hsl(${h}, 70%, 28%)`, shade: `hsla(${h}, 80%, 55%, 0.30)` };
  };
  let catchmentAsked = 0;  // the latest request; a reply to an older one is dropped
  function clearCatchment() {
    catchmentAsked++;
    $('catchment-apply').disabled = false;
    map.setCatchment(null);
    state.catchment = null;
    $('catchment-legend').hidden = true;
    $('catchment-clear').disabled = true;
    $('catchment-status').textContent = '';
  }
  $('catchment-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const address = $('catchment-address').value.trim();
    const measure = $('catchment-measure').checked;
    const status = $('catchment-status');
    status.className = 'hint';
    status.textContent = measure ? 'probing from every AS…' : 'reading the routers\' tables…';
    const asked = ++catchmentAsked;
    $('catchment-apply').disabled = true;
    let c;
    try {
      c = await Panels.api(`/api/catchment?address=${encodeURIComponent(address)}${measure ? '&measured=1' : ''}`);
    } catch (e) {
      if (asked !== catchmentAsked) return;
      $('catchment-apply').disabled = false;
      $('catchment-address').classList.add('bad');
      status.className = 'hint error';
      status.textContent = e.message;
      return;
    }
    if (asked !== catchmentAsked) return;
    $('catchment-apply').disabled = false;
    $('catchment-address').classList.remove('bad');
    const placeOf = a => {
      const side = c.measured ? a.measured : a.predicted;
      return side && side.origin ? side.origin : 'unreachable';
    };
    const counts = new Map();
    for (const a of c.ases) counts.set(placeOf(a), (counts.get(placeOf(a)) || 0) + 1);
    const places = [...counts.keys()].filter(p => p !== 'unreachable').sort();
    if (counts.has('unreachable')) places.push('unreachable');
    const colourOf = new Map(places.map((p, i) => [p, placeColour(p === 'unreachable' ? -1 : i)]));
    map.setCatchment(new Map(c.ases.map(a => [a.asn, colourOf.get(placeOf(a))])));
    const label = id => (map.byId.get(id) ? map.byId.get(id).label : id);
    const disagree = c.measured && c.predicted ? c.ases.filter(a => a.agree === false) : [];
    $('catchment-legend').innerHTML =
      `<div><b>Catchment of ${Panels.esc(c.address)}</b> (${c.measured ? 'measured' : 'predicted'})</div>` +
      places.map(p => `<div data-place="${Panels.esc(p)}"><i style="background:${colourOf.get(p).fill}"></i>` +
                      `${Panels.esc(label(p))}: ${counts.get(p)} AS${counts.get(p) === 1 ? '' : 'es'}</div>`).join('') +
      (c.measured && c.predicted
        ? (disagree.length
          ? `<div class="disagree">predicted differs for ${disagree.map(a => 'AS' + a.asn).join(', ')}</div>`
          : '<div class="hint">measured and predicted agree for every AS</div>')
        : '');
    $('catchment-legend').hidden = false;
    $('catchment-clear').disabled = false;
    status.textContent = `${c.ases.length} ASes, ${places.length} place${places.length === 1 ? '' : 's'}`;
    state.catchment = { address: c.address, measured: c.measured,
                        placeOf: Object.fromEntries(c.ases.map(a => [a.asn, placeOf(a)])),
                        counts: Object.fromEntries(counts) };
  });
  $('catchment-clear').onclick = clearCatchment;
  $('filter-stop').onclick = () => { stopStream(); $('filter-status').textContent = 'stopped'; };
  $('log-clear').onclick = () => log.clear();

  $('record').onclick = () => {
    if (recorder.recording) {
      recorder.stop();
      $('record').classList.remove('on');
      $('record').innerHTML = '&#9679; Record';
      $('record-status').textContent = `${recorder.events.length} events recorded`;
      $('replay').disabled = $('save').disabled = recorder.events.length === 0;
    } else {
      recorder.start();
      $('record').classList.add('on');
      $('record').innerHTML = '&#9632; Stop';
      $('record-status').textContent = 'recording…';
    }
  };
  $('replay').onclick = () => {
    $('record-status').textContent = 'replaying…';
    recorder.replay(e => showEvent(e, true), () => { $('record-status').textContent = 'replay done'; });
  };
  $('load').onclick = () => $('load-file').click();
  $('load-file').onchange = async ev => {
    const file = ev.target.files[0];
    if (!file) return;
    try {
      const saved = JSON.parse(await file.text());
      if (!Array.isArray(saved.events)) throw new Error('no "events" list in the file');
      recorder.events = saved.events;
      $('record-status').textContent = `${saved.events.length} events loaded from ${file.name}`;
      $('replay').disabled = $('save').disabled = saved.events.length === 0;
    } catch (e) {
      $('record-status').textContent = `cannot load ${file.name}: ${e.message}`;
    }
    ev.target.value = '';
  };
  $('save').onclick = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([recorder.json()], { type: 'application/json' }));
    a.download = `${session.emulation}-events.json`;
    a.click();
  };
})();
