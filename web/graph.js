// The graph of the emulation: vertices for networks and nodes, edges for interfaces. Nodes are
// laid out by AS around the exchanges they meet at, and each AS is drawn as a shaded group.
// A large emulation (more than AS_VIEW_ABOVE vertices) opens in the AS view: one vertex per AS
// (its routers, hosts and local networks folded into it) beside the exchanges; clicking an AS
// unfolds it in place, and its nodes then behave as in the full view.
'use strict';

const MapGraph = (() => {
  const IX_COLOR = '#37474f';
  const FLASH_MS = 900;
  const AS_VIEW_ABOVE = 600;
  const asVertexId = asn => 'as:' + asn;

  function asColor(asn) {
    // Spread hues by a multiplicative hash so neighbouring AS numbers differ visibly.
    const hue = (asn * 137.508) % 360;
    return {
      fill: `hsl(${hue}, 62%, 58%)`,
      border: `hsl(${hue}, 55%, 36%)`,
      shade: `hsla(${hue}, 70%, 60%, 0.10)`,
      label: `hsl(${hue}, 55%, 30%)`,
    };
  }

  function vertexStyle(v) {
    if (v.kind === 'exchange')
      return { shape: 'box', color: { background: IX_COLOR, border: '#263238' },
               font: { color: '#fff', size: 22, face: 'system-ui' }, margin: 10, mass: 4 };
    const c = asColor(v.asn || v.ix || 0);
    const font = { size: 15, color: '#263238', face: 'system-ui', strokeWidth: 4, strokeColor: '#fff' };
    switch (v.kind) {
      case 'network':
        return { shape: 'square', size: 8, color: { background: '#fff', border: c.border }, borderWidth: 2, font };
      case 'router':
        return { shape: 'dot', size: 15, color: { background: c.fill, border: c.border }, borderWidth: 2, font };
      case 'route-server':
        return { shape: 'diamond', size: 12, color: { background: '#90a4ae', border: IX_COLOR }, borderWidth: 2, font };
      default:
        return { shape: 'hexagon', size: 12, color: { background: c.fill, border: c.border }, borderWidth: 1, font };
    }
  }

  // Initial positions: exchanges on a ring; each AS near the exchanges it is present at (stub
  // ASes outside the ring, transit ASes inside); an AS's own vertices in a small circle.
  function layout(graph) {
    const byId = new Map(graph.vertices.map(v => [v.id, v]));
    const ixs = graph.vertices.filter(v => v.kind === 'exchange').sort((a, b) => a.ix - b.ix);
    const pos = new Map();
    const R = 120 + 70 * ixs.length;
    ixs.forEach((v, i) => {
      const a = (2 * Math.PI * i) / Math.max(ixs.length, 1) - Math.PI / 2;
      pos.set(v.id, { x: R * Math.cos(a), y: R * Math.sin(a) });
    });
    const group = v => (v.kind === 'exchange' ? null : v.asn ? 'as' + v.asn : 'ix' + v.ix);
    const members = new Map();
    for (const v of graph.vertices) {
      const g = group(v);
      if (!g) continue;
      if (!members.has(g)) members.set(g, []);
      members.get(g).push(v);
    }
    const ixOf = new Map();
    for (const e of graph.edges) {
      const to = byId.get(e.to);
      if (to && to.kind === 'exchange') {
        const g = group(byId.get(e.from));
        if (!ixOf.has(g)) ixOf.set(g, new Set());
        ixOf.get(g).add(e.to);
      }
    }
    const placedAt = new Map();  // exchange -> stubs already placed around it
    for (const [g, vs] of members) {
      const xs = [...(ixOf.get(g) || [])].map(id => pos.get(id)).filter(Boolean);
      let cx = 0, cy = 0;
      if (g.startsWith('ix')) {
        // A route server sits right next to its exchange.
        const ix = pos.get('net:ix/' + g);
        const p = ix || (xs[0] || { x: 0, y: 0 });
        for (const v of vs) pos.set(v.id, { x: p.x * 0.93, y: p.y * 0.93 });
        continue;
      }
      if (xs.length) {
        cx = xs.reduce((s, p) => s + p.x, 0) / xs.length;
        cy = xs.reduce((s, p) => s + p.y, 0) / xs.length;
      }
      if (xs.length === 1) {
        const key = [...ixOf.get(g)][0];
        const k = placedAt.get(key) || 0;
        placedAt.set(key, k + 1);
        const base = Math.atan2(cy, cx);
        const a = base + (k % 2 ? 1 : -1) * (0.32 + 0.3 * Math.floor(k / 2)) * (k ? 1 : 0);
        const r = Math.hypot(cx, cy) + 170;
        cx = r * Math.cos(a);
        cy = r * Math.sin(a);
      } else if (xs.length > 1) {
        cx *= 0.55;
        cy *= 0.55;
      }
      const ring = 24 + 10 * vs.length;
      vs.forEach((v, i) => {
        const a = (2 * Math.PI * i) / vs.length;
        pos.set(v.id, { x: cx + ring * Math.cos(a), y: cy + ring * Math.sin(a) });
      });
    }
    return pos;
  }

  class Graph {
    constructor(container, graph, handlers) {
      this.graph = graph;
      this.byId = new Map(graph.vertices.map(v => [v.id, v]));
      this.flashUntil = new Map();
      this.flashCount = {};
      this.pos = layout(graph);
      this.baseStyle = new Map(graph.vertices.map(v => [v.id, vertexStyle(v)]));
      // The AS a vertex folds into in the AS view: nodes and local networks of an AS; route
      // servers fold into their exchange.
      this.asOf = new Map();
      this.folds = new Map();  // asn -> [vertex ids]
      for (const v of graph.vertices) {
        if (v.kind === 'exchange' || !v.asn) continue;
        this.asOf.set(v.id, v.asn);
        if (!this.folds.has(v.asn)) this.folds.set(v.asn, []);
        this.folds.get(v.asn).push(v.id);
      }
      this.asView = graph.vertices.length > AS_VIEW_ABOVE;
      this.unfolded = new Set();
      for (const [asn, ids] of this.folds) {
        const ps = ids.map(id => this.pos.get(id)).filter(Boolean);
        const c = asColor(asn);
        const routers = ids.filter(id => this.byId.get(id).kind === 'router').length;
        const hosts = ids.filter(id => this.byId.get(id).kind === 'host').length;
        this.pos.set(asVertexId(asn), { x: ps.reduce((t, p) => t + p.x, 0) / (ps.length || 1),
                                        y: ps.reduce((t, p) => t + p.y, 0) / (ps.length || 1) });
        this.baseStyle.set(asVertexId(asn), {
          shape: 'dot', size: 7 + 2 * Math.sqrt(ids.length), borderWidth: 2,
          color: { background: c.fill, border: c.border },
          font: { size: 15, color: c.label, face: 'system-ui', strokeWidth: 4, strokeColor: '#fff' } });
        this.byId.set(asVertexId(asn), { id: asVertexId(asn), kind: 'as', asn, label: 'AS' + asn,
                                          members: ids, routers, hosts });
      }
      this.nodes = new vis.DataSet(this.shownVertexIds().map(id => this.vertexData(id)));
      this.edges = new vis.DataSet(this.shownEdges());
      this.network = new vis.Network(container, { nodes: this.nodes, edges: this.edges }, {
        physics: {
          solver: 'forceAtlas2Based',
          forceAtlas2Based: { gravitationalConstant: -65, springLength: 50, springConstant: 0.06,
                              avoidOverlap: 1, centralGravity: 0.006 },
          // Stabilized explicitly below, once the handlers are attached.
          stabilization: { enabled: false },
        },
        interaction: { hover: true, tooltipDelay: 250, multiselect: false },
        edges: { smooth: false },
        nodes: { font: { multi: false } },
      });
      this.network.once('stabilizationIterationsDone', () => {
        this.network.setOptions({ physics: false });
        this.network.fit({ animation: false });
        this.updateLabels();
        this.stable = true;
        if (handlers.onStable) handlers.onStable();
      });
      this.network.on('beforeDrawing', ctx => this.drawGroups(ctx));
      this.network.on('zoom', () => this.updateLabels());
      this.network.on('animationFinished', () => this.updateLabels());
      this.network.on('click', p => {
        if (!p.nodes.length) return;
        const v = this.byId.get(p.nodes[0]);
        if (v.kind === 'as') this.unfold(v.asn);
        if (handlers.onSelect) handlers.onSelect(v);
      });
      this.groups = new Map();
      for (const v of graph.vertices) {
        if (!v.asn || v.kind === 'exchange') continue;
        if (!this.groups.has(v.asn)) this.groups.set(v.asn, []);
        this.groups.get(v.asn).push(v.id);
      }
      this.groupLinks = new Map();
      for (const e of graph.edges) {
        const a = this.byId.get(e.from), b = this.byId.get(e.to);
        if (!a || !b || !a.asn || a.asn !== b.asn) continue;
        if (!this.groupLinks.has(a.asn)) this.groupLinks.set(a.asn, []);
        this.groupLinks.get(a.asn).push([e.from, e.to]);
      }
      this.edgeLabels = true;
      setInterval(() => this.expireFlashes(), 100);
      this.network.stabilize(this.asView ? 120 : 400);
    }

    // The vertices drawn now: everything, or in the AS view the exchanges, shared networks, AS
    // vertices of folded ASes and the vertices of unfolded ones.
    shownVertexIds() {
      const ids = [];
      for (const v of this.graph.vertices)
        if (!this.asView || !this.asOf.has(v.id) || this.unfolded.has(this.asOf.get(v.id))) ids.push(v.id);
      if (this.asView)
        for (const asn of this.folds.keys()) if (!this.unfolded.has(asn)) ids.push(asVertexId(asn));
      return ids;
    }

    // Where a vertex of the plan is drawn: itself, or the AS vertex it is folded into.
    shownId(id) {
      const asn = this.asOf.get(id);
      return this.asView && asn && !this.unfolded.has(asn) ? asVertexId(asn) : id;
    }

    vertexData(id) {
      const v = this.byId.get(id);
      const p = this.pos.get(id) || { x: 0, y: 0 };
      const title = v.kind === 'as'
        ? `AS${v.asn}: ${v.routers} router${v.routers === 1 ? '' : 's'}, ${v.hosts} host${v.hosts === 1 ? '' : 's'} (click to unfold)`
        : [v.label, v.kind, v.prefix || '', (v.addresses || []).join(', ')].filter(Boolean).join('\n');
      const base = this.baseStyle.get(id);
      const size = this.labelSize ? (v.kind === 'exchange' ? Math.round(this.labelSize * 1.3) : this.labelSize)
                                  : base.font.size;
      return Object.assign({ id, title, x: p.x, y: p.y }, base, {
        label: v.kind === 'network' && this.netLabels === false ? '' : v.label,
        color: this.restingColor(id), font: Object.assign({}, base.font, { size }) });
    }

    // The plan's edges between the vertices drawn now, once per pair in the AS view.
    shownEdges() {
      const out = [], seen = new Set();
      this.graph.edges.forEach((e, i) => {
        const from = this.shownId(e.from), to = this.shownId(e.to);
        if (from === to) return;
        const folded = from !== e.from || to !== e.to;
        if (folded) {
          const key = from + '|' + to;
          if (seen.has(key)) return;
          seen.add(key);
        }
        out.push({ id: folded ? 'f:' + from + '|' + to : 'e' + i, from, to, label: folded ? '' : e.address,
                   color: { color: '#b0b8c4', highlight: '#1c4fb8' }, width: 1.2,
                   font: { size: this.edgeLabels === false ? 0 : 12, color: '#5a6475', strokeWidth: 3,
                           strokeColor: '#fff', align: 'middle' } });
      });
      return out;
    }

    // Shows the vertices of a folded AS around where its AS vertex was.
    unfold(asn) {
      if (!this.asView || this.unfolded.has(asn)) return;
      const at = this.network.getPositions([asVertexId(asn)])[asVertexId(asn)] || this.pos.get(asVertexId(asn));
      const ids = this.folds.get(asn);
      ids.forEach((id, i) => {
        const a = (2 * Math.PI * i) / ids.length, r = 20 + 9 * ids.length;
        this.pos.set(id, { x: at.x + r * Math.cos(a), y: at.y + r * Math.sin(a) });
      });
      this.unfolded.add(asn);
      this.nodes.remove(asVertexId(asn));
      this.nodes.add(ids.map(id => this.vertexData(id)));
      this.edges.clear();
      this.edges.add(this.shownEdges());
    }

    // Each AS is a translucent band along its own links and around its vertices: one stroked
    // path per AS, so overlapping parts are not painted twice and a spread-out transit AS does
    // not cover the whole map the way one enclosing circle would.
    drawGroups(ctx) {
      const positions = this.network.getPositions();
      for (const [asn, ids] of this.groups) {
        const ps = ids.map(id => positions[id]).filter(Boolean);
        if (!ps.length) continue;
        const c = asColor(asn);
        const reached = this.catchment && this.catchment.get(asn);
        ctx.beginPath();
        for (const p of ps) { ctx.moveTo(p.x, p.y); ctx.lineTo(p.x + 0.01, p.y); }
        for (const [a, b] of this.groupLinks.get(asn) || []) {
          const pa = positions[a], pb = positions[b];
          if (pa && pb) { ctx.moveTo(pa.x, pa.y); ctx.lineTo(pb.x, pb.y); }
        }
        ctx.lineWidth = 46;
        ctx.lineCap = 'round';
        ctx.lineJoin = 'round';
        ctx.strokeStyle = reached ? reached.shade : c.shade;
        ctx.stroke();
        const top = ps.reduce((m, p) => (p.y < m.y ? p : m), ps[0]);
        ctx.font = `700 ${Math.round((this.labelSize || 15) * 1.15)}px system-ui`;
        ctx.fillStyle = c.label;
        ctx.textAlign = 'center';
        ctx.fillText('AS' + asn, top.x, top.y - 24 - (this.labelSize || 15) * 0.4);
      }
    }

    // Labels keep a readable size on screen when the whole Internet is in view, and stop
    // growing once zoomed in; addresses on edges appear only when they can be read.
    updateLabels() {
      const scale = this.network.getScale();
      const size = Math.round(Math.min(30, Math.max(14, 11.5 / scale)));
      // Local networks are named once zoomed in; in the overview their squares and the AS bands
      // say enough, and their labels would crowd the routers'.
      const netLabels = scale > 0.7;
      if (size !== this.labelSize || netLabels !== this.netLabels) {
        this.labelSize = size;
        this.netLabels = netLabels;
        this.nodes.update(this.shownVertexIds().map(id => this.byId.get(id)).map(v => ({
          id: v.id,
          label: v.kind === 'network' && !netLabels ? '' : v.label,
          font: { size: v.kind === 'exchange' ? Math.round(size * 1.3) : size } })));
      }
      this.updateEdgeLabels();
    }

    updateEdgeLabels() {
      const show = this.network.getScale() > 0.6;
      if (show === this.edgeLabels) return;
      this.edgeLabels = show;
      this.edges.update(this.edges.getIds().map(id => ({ id, font: { size: show ? 12 : 0 } })));
    }

    flash(planId) {
      if (!this.byId.has(planId)) return;
      this.flashCount[planId] = (this.flashCount[planId] || 0) + 1;
      const id = this.shownId(planId);
      const wasFlashing = this.flashUntil.has(id);
      this.flashUntil.set(id, performance.now() + FLASH_MS);
      if (wasFlashing) return;
      const base = this.baseStyle.get(id);
      this.nodes.update({ id, color: { background: '#ff3d00', border: '#ffab00' },
                          borderWidth: 5, size: (base.size || 10) * 1.6,
                          shadow: { enabled: true, color: '#ff6d00', size: 18, x: 0, y: 0 } });
    }

    // The colour a vertex rests in: its AS colour, or in the catchment view the colour of the
    // place its AS reaches.
    restingColor(id) {
      const v = this.byId.get(id);
      const reached = this.catchment && v && v.kind !== 'network' && v.asn && this.catchment.get(v.asn);
      if (!this.baseStyle.has(id)) return undefined;
      return reached ? { background: reached.fill, border: reached.border } : this.baseStyle.get(id).color;
    }

    // Catchment view: `colours` maps an ASN to {fill, border, shade}; its vertices and band take
    // those colours. null returns to the AS colours.
    setCatchment(colours) {
      this.catchment = colours;
      const ids = this.shownVertexIds().filter(id => {
        const v = this.byId.get(id);
        return v.asn && v.kind !== 'network' && v.kind !== 'exchange' && !this.flashUntil.has(id);
      });
      this.nodes.update(ids.map(id => ({ id, color: this.restingColor(id) })));
      this.network.redraw();
    }

    expireFlashes() {
      const now = performance.now();
      const done = [];
      for (const [id, until] of this.flashUntil) if (until <= now) done.push(id);
      if (!done.length) return;
      for (const id of done) this.flashUntil.delete(id);
      // A vertex folded or unfolded meanwhile is gone: updating it would add it again.
      this.nodes.update(done.filter(id => this.nodes.get(id)).map(id => {
        const base = this.baseStyle.get(id);
        return { id, color: this.restingColor(id), borderWidth: base.borderWidth || 1, size: base.size,
                 shadow: { enabled: false } };
      }));
    }

    search(text) {
      const q = text.trim().toLowerCase();
      if (!q) { this.network.unselectAll(); return []; }
      const hits = this.graph.vertices.filter(v =>
        v.id.toLowerCase().includes(q) || v.label.toLowerCase().includes(q) ||
        (v.container || '').toLowerCase().includes(q) || (v.prefix || '').startsWith(q) ||
        (v.addresses || []).some(a => a === q || a.startsWith(q)));
      // One hit that the text names exactly (its id, name or an address) is unfolded to be seen;
      // other hits are shown where they are drawn, so typing does not unfold ASes on the way.
      const exact = v => v.id.toLowerCase() === q || v.label.toLowerCase() === q ||
        (v.container || '').toLowerCase() === q || (v.addresses || []).includes(q);
      if (hits.length === 1 && exact(hits[0]) && this.asOf.has(hits[0].id))
        this.unfold(this.asOf.get(hits[0].id));
      const shown = [...new Set(hits.map(v => this.shownId(v.id)))];
      this.network.selectNodes(shown);
      if (shown.length === 1) this.network.focus(shown[0], { scale: 1.3, animation: true });
      else if (shown.length > 1) this.network.fit({ nodes: shown, animation: true });
      return hits;
    }

    select(id) {
      if (!this.byId.has(id)) return;
      if (this.asOf.has(id)) this.unfold(this.asOf.get(id));
      this.network.selectNodes([id]);
      this.network.focus(id, { scale: 1.2, animation: true });
    }

    // Nodes (not networks) that have a place on the canvas inside the visible area.
    drawnNodeCount() {
      const positions = this.network.getPositions();
      const w = this.network.body.container.clientWidth, h = this.network.body.container.clientHeight;
      return this.graph.vertices.filter(v => {
        if (v.kind === 'exchange' || v.kind === 'network' || !positions[v.id]) return false;
        const p = this.network.canvasToDOM(positions[v.id]);
        return p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h;
      }).length;
    }
  }

  return { Graph, asColor };
})();
