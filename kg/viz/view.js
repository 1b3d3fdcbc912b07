// Draws the embedded graph with vis-network. Every text from the articles is put into the page with
// textContent or drawn on the canvas, never parsed as HTML; vis-network gets no `title` strings.
(function () {
  "use strict";
  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var marks = { start: performance.now() };  // milliseconds since navigation, for benchmarks
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  marks.parsed = performance.now();
  var types = data.types, preds = data.predicates, articles = data.articles;
  var rawNodes = data.nodes, rawEdges = data.edges;
  var big = !data.physics;
  var focus = {};
  data.focus.forEach(function (i) { focus[i] = true; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : "";
  }

  function edgeLabel(e) {
    var positions = [];
    e[4].forEach(function (ev) {
      if (Array.isArray(ev) && ev[2] && positions.indexOf(ev[2]) < 0) positions.push(ev[2]);
    });
    return positions.length ? positions.join("、") : preds[e[2]].label;
  }

  var nodes = new vis.DataSet(rawNodes.map(function (n, i) {
    var t = types[n[1]];
    return {
      id: i, label: n[0], shape: t.shape, size: n[2], x: n[3], y: n[4],
      borderWidth: focus[i] ? 4 : 1,
      color: { background: t.color, border: focus[i] ? "#111" : "#ffffff",
               highlight: { background: t.color, border: "#111" }, hover: { background: t.color, border: "#333" } }
    };
  }));
  var edges = new vis.DataSet(rawEdges.map(function (e, i) {
    var p = preds[e[2]];
    var item = {
      id: i, from: e[0], to: e[1],
      color: { color: p.color, highlight: p.color, hover: p.color, opacity: 0.85 },
      arrows: { to: { enabled: !p.symmetric, scaleFactor: 0.5 } }
    };
    if (data.edgeLabels) item.label = edgeLabel(e);
    return item;
  }));

  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: data.physics ? {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 120,
                          springConstant: 0.06, damping: 0.5, avoidOverlap: 0.5 },
      stabilization: { enabled: true, iterations: 200, updateInterval: 50, fit: true },
      minVelocity: 1
    } : { enabled: false },
    interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false },
    nodes: { font: { size: 14, face: FONT, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: {
      width: 1.3, selectionWidth: 2, hoverWidth: 1.5,
      font: { size: 11, face: FONT, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: big ? false : { enabled: true, type: "continuous", roundness: 0.3 }
    }
  };

  marks.datasets = performance.now();
  var container = document.getElementById("kg-graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  marks.network = performance.now();
  var view = window.kgView = { network: network, nodes: nodes, edges: edges, data: data, state: "loading",
                                stillAt: null, marks: marks, showDetails: showDetails };

  function still() {
    view.state = "still";
    view.stillAt = marks.still = performance.now();
    document.getElementById("kg-status").hidden = true;
    document.documentElement.setAttribute("data-kg-state", "still");
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", still);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", still);
  }

  // --- header and legend ---
  var summary = "显示 " + data.shown.nodes + " / " + data.total.nodes + " 个实体，" +
    data.shown.edges + " / " + data.total.edges + " 条关系";
  if (data.filtered > data.shown.nodes) summary += "（按重要性保留前 " + data.shown.nodes + " 个）";
  if (data.filters.length) summary += "；筛选：" + data.filters.join("；");
  document.getElementById("kg-summary").textContent = summary;

  var legend = document.getElementById("kg-legend");
  var hiddenTypes = {}, hiddenPreds = {};
  function legendList(title, entries, swatch, toggle) {
    legend.appendChild(el("h2", title));
    var ul = el("ul");
    entries.forEach(function (entry, i) {
      var li = el("li");
      li.appendChild(swatch(entry));
      li.appendChild(document.createTextNode(entry.label));
      li.appendChild(el("span", entry.count, "n"));
      li.title = entry.name;
      li.addEventListener("click", function () { li.classList.toggle("off", toggle(i)); });
      ul.appendChild(li);
    });
    legend.appendChild(ul);
  }
  legendList("实体类型", types, function (t) {
    var s = el("span", null, "sw " + t.shape);
    s.style.background = t.color;
    return s;
  }, function (i) {
    hiddenTypes[i] = !hiddenTypes[i];
    nodes.update(rawNodes.map(function (n, id) { return { id: id, hidden: !!hiddenTypes[n[1]] }; }));
    return hiddenTypes[i];
  });
  legendList("关系", preds, function (p) {
    var s = el("span", null, "sw line");
    s.style.background = p.color;
    return s;
  }, function (i) {
    hiddenPreds[i] = !hiddenPreds[i];
    edges.update(rawEdges.map(function (e, id) { return { id: id, hidden: !!hiddenPreds[e[2]] }; }));
    return hiddenPreds[i];
  });
  legend.appendChild(el("p", "点击图例可隐藏或显示；点击节点或连线查看证据。", "hint"));

  // --- details: the same card on hover (tooltip) and on click (pinned panel) ---
  function nodeCard(i) {
    var n = rawNodes[i], t = types[n[1]], card = el("div", null, "kg-card");
    card.appendChild(el("h3", n[0]));
    card.appendChild(el("p", [t.label].concat(n[5] ? [n[5]] : []).join(" · "), "meta"));
    if (n[6].length) card.appendChild(el("p", "又称：" + n[6].join("、"), "meta"));
    var dates = n[8] ? (n[8] === n[9] ? n[8] : n[8] + " 至 " + n[9]) : "";
    card.appendChild(el("p", n[7] + " 条关系 · " + n[10] + " 篇文章" + (dates ? " · " + dates : ""), "meta"));
    return card;
  }

  function nodeRelations(i) {
    var ol = el("ol");
    var count = 0;
    rawEdges.forEach(function (e, id) {
      if ((e[0] !== i && e[1] !== i) || count >= 30) return;
      count += 1;
      var other = e[0] === i ? e[1] : e[0];
      var arrow = preds[e[2]].symmetric ? " — " : (e[0] === i ? " → " : " ← ");
      var li = el("li", preds[e[2]].label + arrow + rawNodes[other][0]);
      li.style.cursor = "pointer";
      li.addEventListener("click", function () { showDetails("edge", id); });
      ol.appendChild(li);
    });
    return ol;
  }

  function edgeCard(i) {
    var e = rawEdges[i], p = preds[e[2]], card = el("div", null, "kg-card");
    var arrow = p.symmetric ? " —" + p.label + "— " : " —" + p.label + "→ ";
    card.appendChild(el("h3", rawNodes[e[0]][0] + arrow + rawNodes[e[1]][0]));
    var conf = e[3] === null ? "" : "置信度 " + e[3] + " · ";
    card.appendChild(el("p", conf + p.name, "meta"));
    var ol = el("ol");
    e[4].forEach(function (ev) {
      if (!Array.isArray(ev)) {
        ol.appendChild(el("li", "另有 " + ev + " 条证据", "src"));
        return;
      }
      var a = articles[ev[1]], li = el("li");
      if (ev[2]) li.appendChild(el("div", "职务：" + ev[2] + (ev[3] ? "（代行）" : ""), "src"));
      li.appendChild(el("q", ev[0]));
      var src = el("div", null, "src");
      src.appendChild(el("span", [a[0], a[1]].filter(Boolean).join(" · ")));
      var url = safeUrl(a[2]);
      if (url) {
        src.appendChild(document.createTextNode(" · "));
        var link = el("a", "原文");
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        src.appendChild(link);
      }
      li.appendChild(src);
      ol.appendChild(li);
    });
    card.appendChild(ol);
    return card;
  }

  var tip = document.getElementById("kg-tip");
  function showTip(card, pointer) {
    tip.replaceChildren(card);
    tip.hidden = false;
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth) x = Math.max(0, pointer.x - w - 14);
    if (y + h > window.innerHeight) y = Math.max(0, pointer.y - h - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }

  var details = document.getElementById("kg-details");
  function showDetails(kind, id) {
    var card = kind === "node" ? nodeCard(id) : edgeCard(id);
    if (kind === "node") card.appendChild(nodeRelations(id));
    var close = el("button", "×", "close");
    close.setAttribute("aria-label", "关闭");
    close.addEventListener("click", function () { details.hidden = true; });
    details.replaceChildren(close, card);
    details.hidden = false;
  }

  network.on("hoverNode", function (p) { showTip(nodeCard(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeCard(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showDetails("node", p.nodes[0]);
    else if (p.edges.length) showDetails("edge", p.edges[0]);
    else details.hidden = true;
  });

  // --- search by name, alias or ticker ---
  document.getElementById("kg-search").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var q = ev.target.value.trim().toLowerCase();
    if (!q) return;
    var hit = -1;
    for (var i = 0; i < rawNodes.length && hit < 0; i++) {
      var n = rawNodes[i];
      var code = n[5] ? n[5].toLowerCase().replace(/^[a-z.]+/, "") : "";
      var names = [n[0], n[5], code].concat(n[6]).filter(Boolean).map(function (s) { return s.toLowerCase(); });
      if (names.some(function (s) { return s === q; })) hit = i;
    }
    for (var j = 0; j < rawNodes.length && hit < 0; j++) {
      var all = [rawNodes[j][0]].concat(rawNodes[j][6]).join("\n").toLowerCase();
      if (all.indexOf(q) >= 0) hit = j;
    }
    if (hit < 0) {
      ev.target.setCustomValidity("没有找到");
      ev.target.reportValidity();
      return;
    }
    ev.target.setCustomValidity("");
    network.selectNodes([hit]);
    network.focus(hit, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showDetails("node", hit);
  });
})();
