/* incidentmap: draws the events of one data block on a Leaflet map.
 *
 * Written for incidentmap (not a copy of any plugin). Everything shown that comes from articles is put in
 * the page with textContent / DOM nodes, never as markup; links are made only for http(s) URLs.
 * One data block holds every event column-wise; markers are drawn only for what is visible (type layers,
 * date filter, viewport), merged into grid clusters when many events are shown at once.
 */
(function () {
  'use strict';
  if (window.incidentmap) { return; }

  var DAY_MS = 86400000;
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  var TIME_LABEL = {1: 'exact day', 2: 'within about a week', 3: 'month only'};
  var GEO_LABEL = {1: 'the place itself', 2: 'near the place / part of a region', 3: 'region only'};
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var CELL_PX = 56;
  var MAX_LABELS = 150;  /* place names drawn at once: the spots with most events first */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* HTML-escape, for the few Leaflet APIs that only take markup (layer switcher labels, attribution). */
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  /* The URL if it is http(s), else null: javascript:, data:, relative and malformed URLs never link. */
  function safeUrl(text) {
    if (!text || !/^\s*https?:\/\//i.test(text)) { return null; }
    try {
      var url = new URL(text.trim());
      return (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function dateText(day, tp) {
    if (day === null || day === undefined) { return 'unknown'; }
    var d = new Date(day * DAY_MS);
    if (tp >= 3) { return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear(); }
    return (tp === 2 ? 'about ' : '') + isoDay(day);
  }

  function markerSize(f) {
    if (f === null || f === undefined || f <= 0) { return 20; }
    return Math.min(40, Math.round(20 + 6.5 * Math.log10(1 + f)));
  }

  function iconSvg(icon, color, size, count) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('aria-hidden', 'true');
    var circle = document.createElementNS(SVG_NS, 'circle');
    circle.setAttribute('cx', '12');
    circle.setAttribute('cy', '12');
    circle.setAttribute('r', '11');
    circle.setAttribute('fill', color);
    circle.setAttribute('stroke', '#ffffff');
    circle.setAttribute('stroke-width', '1.5');
    svg.appendChild(circle);
    if (icon) {
      var path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', icon.d);
      path.setAttribute('transform', 'translate(4.8 4.8) scale(0.6)');
      if (icon.stroke) {
        path.setAttribute('fill', 'none');
        path.setAttribute('stroke', '#ffffff');
        path.setAttribute('stroke-width', '2.6');
        path.setAttribute('stroke-linecap', 'round');
        path.setAttribute('stroke-linejoin', 'round');
      } else {
        path.setAttribute('fill', '#ffffff');
      }
      svg.appendChild(path);
    }
    return svg;
  }

  function Events(map, data) {
    this.map = map;
    this.data = data;
    this.S = data.strings;
    this.E = data.events;
    this.n = this.E.lat.length;
    this.types = data.types;
    this.typeOn = data.types.map(function () { return true; });
    this.shown = new Uint8Array(this.n);
    this.markers = L.layerGroup();
    this.uncertainty = L.layerGroup();
    this.labels = L.layerGroup();
    this.canvas = L.canvas({padding: 0.2});
    this.prepare();
  }

  Events.prototype.prepare = function () {
    var E = this.E, n = this.n, i;
    this.mx = new Float64Array(n);
    this.my = new Float64Array(n);
    this.d0 = new Float64Array(n);
    this.d1 = new Float64Array(n);
    var lo = Infinity, hi = -Infinity;
    this.undated = 0;
    for (i = 0; i < n; i++) {
      var lat = Math.max(-85.05, Math.min(85.05, E.lat[i]));
      var s = Math.sin(lat * Math.PI / 180);
      this.mx[i] = (E.lon[i] + 180) / 360;
      this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      if (E.dd[i] === null) {
        this.d0[i] = NaN;
        this.d1[i] = NaN;
        this.undated++;
      } else {
        this.d0[i] = E.dd[i] - E.da[i];
        this.d1[i] = E.dd[i] + E.db[i];
        if (this.d0[i] < lo) { lo = this.d0[i]; }
        if (this.d1[i] > hi) { hi = this.d1[i]; }
      }
    }
    this.dayMin = lo === Infinity ? null : lo;
    this.dayMax = hi === -Infinity ? null : hi;
    this.from = this.dayMin;
    this.to = this.dayMax;
    this.includeUndated = true;
  };

  Events.prototype.s = function (k) { return this.S[k] || ''; };

  /* Which events pass the type layers and the date filter (a period overlapping the chosen range). */
  Events.prototype.filter = function () {
    var E = this.E, count = 0, counts = this.types.map(function () { return 0; });
    for (var i = 0; i < this.n; i++) {
      var ok = this.typeOn[E.t[i]];
      if (ok) {
        if (isNaN(this.d0[i])) {
          ok = this.includeUndated;
        } else {
          ok = this.d1[i] >= this.from && this.d0[i] <= this.to;
        }
      }
      this.shown[i] = ok ? 1 : 0;
      if (ok) { count++; counts[E.t[i]]++; }
    }
    this.count = count;
    this.typeCounts = counts;
    return count;
  };

  Events.prototype.refresh = function () {
    this.filter();
    this.draw();
    if (this.onchange) { this.onchange(); }
  };

  Events.prototype.draw = function () {
    var map = this.map;
    this.markers.clearLayers();
    this.uncertainty.clearLayers();
    this.labels.clearLayers();
    var zoom = map.getZoom();
    var clustering = this.count > this.data.clusterThreshold && zoom < map.getMaxZoom();
    var singles = [], clusters = [];
    var scale = 256 * Math.pow(2, zoom);
    var i;
    if (!clustering) {
      for (i = 0; i < this.n; i++) { if (this.shown[i]) { singles.push(i); } }
    } else {
      var b = map.getPixelBounds(), pad = CELL_PX * 2;
      var x0 = b.min.x - pad, y0 = b.min.y - pad, x1 = b.max.x + pad, y1 = b.max.y + pad;
      var cells = new Map();
      for (i = 0; i < this.n; i++) {
        if (!this.shown[i]) { continue; }
        var px = this.mx[i] * scale, py = this.my[i] * scale;
        if (px < x0 || px > x1 || py < y0 || py > y1) { continue; }
        var key = Math.floor(px / CELL_PX) + ':' + Math.floor(py / CELL_PX);
        var cell = cells.get(key);
        if (!cell) { cells.set(key, [i]); } else { cell.push(i); }
      }
      cells.forEach(function (members) {
        if (members.length === 1) { singles.push(members[0]); } else { clusters.push(members); }
      });
    }
    this.spread = 0;
    this.placeSingles(singles, scale, zoom);
    for (i = 0; i < clusters.length; i++) { this.addCluster(clusters[i]); }
    this.drawn = singles.length;
    this.clustered = clusters.length;
    var box = map.getContainer();
    box.setAttribute('data-imap-shown', String(this.count));
    box.setAttribute('data-imap-markers', String(singles.length));
    box.setAttribute('data-imap-clusters', String(clusters.length));
    box.setAttribute('data-imap-uncertain', String(this.uncertainty.getLayers().length));
    box.setAttribute('data-imap-labels', String(this.labels.getLayers().length));
    this.clustering = clustering;
  };

  Events.prototype.typeOf = function (i) { return this.types[this.E.t[i]]; };

  /* Events drawn on the same spot (same town) are fanned out on a small ring, each joined to the true
     place by a thin line, so every one of them can be seen and clicked. */
  Events.prototype.placeSingles = function (singles, scale, zoom) {
    var spots = new Map(), self = this;
    singles.forEach(function (i) {
      var key = Math.round(self.mx[i] * scale / 8) + ':' + Math.round(self.my[i] * scale / 8);
      var spot = spots.get(key);
      if (!spot) { spots.set(key, [i]); } else { spot.push(i); }
    });
    var named = [];
    spots.forEach(function (members) {
      var n = members.length, radius = n === 1 ? 0 : Math.max(18, 5 * n);
      named.push({i: members[0], n: n, radius: radius});
      if (n === 1) { self.addEvent(members[0], null); return; }
      var centre = L.point(self.mx[members[0]] * scale, self.my[members[0]] * scale);
      members.forEach(function (i, k) {
        var angle = 2 * Math.PI * k / n - Math.PI / 2;
        var shown = self.map.unproject(centre.add(L.point(radius * Math.cos(angle), radius * Math.sin(angle))), zoom);
        self.markers.addLayer(L.polyline([[self.E.lat[i], self.E.lon[i]], shown], {
          color: '#555', weight: 1, opacity: 0.7, interactive: false, renderer: self.canvas
        }));
        self.addEvent(i, shown);
      });
      self.spread += n;
    });
    named.sort(function (a, b) { return b.n - a.n; });
    var taken = [];
    named.slice(0, MAX_LABELS).forEach(function (spot) {
      self.addLabel(spot.i, spot.radius, scale, taken);
    });
  };

  /* The name of a place where events are drawn, beside the spot (past the ring of a fanned-out spot), so
     that a map with no online tiles still says where things happened: right of the spot, else left of it,
     else not at this zoom when another name (of a spot with more events) holds both places. Text only,
     never clickable. */
  Events.prototype.addLabel = function (i, radius, scale, taken) {
    var name = this.s(this.E.loc[i]);
    if (!name) { return; }
    var x = this.mx[i] * scale, y = this.my[i] * scale, E = this.E;
    var size = markerSize(E.f1[i] !== null ? E.f1[i] : E.f0[i]);
    var width = 7 * name.length + 6, gap = radius + size / 2 + 5;  /* clear of the marker (or its ring) */
    var boxes = [[x + gap, y - 9, x + gap + width, y + 9], [x - gap - width, y - 9, x - gap, y + 9]];
    var free = boxes.filter(function (b) {
      return !taken.some(function (t) { return b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]; });
    })[0];
    if (!free) { return; }
    taken.push(free);
    var label = el('span', 'imap-label', name);
    this.labels.addLayer(L.marker([this.E.lat[i], this.E.lon[i]], {
      icon: L.divIcon({html: label, className: 'imap-place', iconSize: null, iconAnchor: [x - free[0], 9]}),
      interactive: false, keyboard: false, pane: 'imapLabels'
    }));
  };

  Events.prototype.addEvent = function (i, shownAt) {
    var E = this.E, self = this;
    var type = this.typeOf(i);
    var size = markerSize(E.f1[i] !== null ? E.f1[i] : E.f0[i]);
    var box = el('div', E.bg && E.bg[i] ? 'imap-event imap-background' : 'imap-event');
    box.appendChild(iconSvg(this.data.icons[type.icon] || this.data.icons.dot, type.color, size));
    var marker = L.marker(shownAt || [E.lat[i], E.lon[i]], {
      icon: L.divIcon({html: box, className: 'imap-icon', iconSize: [size, size]}),
      keyboard: true,
      riseOnHover: true,
      title: type.name + ', ' + dateText(E.dd[i], E.tp[i]),
      alt: type.name
    });
    marker.bindTooltip(function () { return self.tooltip(i); }, {direction: 'top', offset: [0, -size / 2]});
    /* a map-level popup, so that redrawing the markers (zoom, pan, filters) does not close it */
    marker.on('click', function () {
      L.popup({maxWidth: 380, minWidth: 240, autoPanPadding: [20, 20], offset: [0, 7 - size / 2]})
        .setLatLng(marker.getLatLng()).setContent(self.popup(i)).openOn(self.map);
    });
    marker.imapIndex = i;
    this.markers.addLayer(marker);
    var gp = E.gp[i];
    var km = this.data.uncertaintyKm[String(gp)];
    if (km) {
      this.uncertainty.addLayer(L.circle([E.lat[i], E.lon[i]], {
        radius: km * 1000, renderer: this.canvas, color: type.color, weight: 1, dashArray: '3 3',
        fillColor: type.color, fillOpacity: 0.06, interactive: false
      }));
    }
  };

  Events.prototype.addCluster = function (members) {
    var map = this.map, self = this, E = this.E;
    var byType = {}, best = 0, lat = 0, lon = 0;
    var south = 90, north = -90, west = 180, east = -180;
    members.forEach(function (i) {
      byType[E.t[i]] = (byType[E.t[i]] || 0) + 1;
      if (byType[E.t[i]] > byType[best] || byType[best] === undefined) { best = E.t[i]; }
      lat += E.lat[i];
      lon += E.lon[i];
      south = Math.min(south, E.lat[i]); north = Math.max(north, E.lat[i]);
      west = Math.min(west, E.lon[i]); east = Math.max(east, E.lon[i]);
    });
    var n = members.length;
    var size = Math.min(54, Math.round(26 + 6 * Math.log10(n)));
    var box = el('div', 'imap-cluster', n >= 10000 ? Math.round(n / 1000) + 'k' : n);
    box.style.width = box.style.height = box.style.lineHeight = size + 'px';
    box.style.borderColor = this.types[best].color;
    var marker = L.marker([lat / n, lon / n], {
      icon: L.divIcon({html: box, className: 'imap-icon', iconSize: [size, size]})
    });
    marker.bindTooltip(n + ' events (click to zoom in)', {direction: 'top'});
    marker.on('click', function () {
      var same = north - south < 1e-6 && east - west < 1e-6;
      if (same || map.getZoom() >= map.getMaxZoom() - 1) {
        L.popup({maxWidth: 380}).setLatLng(marker.getLatLng()).setContent(self.listPopup(members)).openOn(map);
      } else {
        map.fitBounds([[south, west], [north, east]], {padding: [40, 40], maxZoom: map.getMaxZoom()});
      }
    });
    this.markers.addLayer(marker);
  };

  Events.prototype.tooltip = function (i) {
    var E = this.E, box = el('div', 'imap-tip');
    box.appendChild(el('strong', null, this.s(E.sub[i]) || this.typeOf(i).name));
    box.appendChild(el('div', null, [dateText(E.dd[i], E.tp[i]), this.s(E.loc[i])].filter(Boolean).join(' · ')));
    return box;
  };

  Events.prototype.listPopup = function (members) {
    var self = this, box = el('div', 'imap-popup');
    box.appendChild(el('h3', null, members.length + ' events here'));
    var list = el('ol', 'imap-list');
    members.slice(0, 50).forEach(function (i) {
      var item = el('li');
      var button = el('button', 'imap-linkbutton',
        dateText(self.E.dd[i], self.E.tp[i]) + ' — ' + (self.s(self.E.sub[i]) || self.typeOf(i).name));
      button.type = 'button';
      button.addEventListener('click', function () {
        L.popup({maxWidth: 380}).setLatLng([self.E.lat[i], self.E.lon[i]]).setContent(self.popup(i)).openOn(self.map);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (members.length > 50) { box.appendChild(el('p', 'imap-note', 'and ' + (members.length - 50) + ' more; zoom in')); }
    return box;
  };

  function row(table, label, value) {
    var tr = el('tr');
    tr.appendChild(el('th', null, label));
    var td = el('td');
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = value; }
    tr.appendChild(td);
    table.appendChild(tr);
  }

  Events.prototype.popup = function (i) {
    var E = this.E, self = this, type = this.typeOf(i);
    var box = el('div', 'imap-popup');
    var head = el('h3');
    var swatch = el('span', 'imap-swatch');
    swatch.style.background = type.color;
    head.appendChild(swatch);
    head.appendChild(document.createTextNode(type.name));
    box.appendChild(head);
    var table = el('table', 'imap-facts');
    var when = dateText(E.dd[i], E.tp[i]);
    if (E.dd[i] !== null) {
      when += ' (' + (TIME_LABEL[E.tp[i]] || 'precision ' + E.tp[i]) + ')';
      if (E.da[i] || E.db[i]) { when += ', ' + isoDay(E.dd[i] - E.da[i]) + ' to ' + isoDay(E.dd[i] + E.db[i]); }
    }
    row(table, 'Date', when);
    if (E.bg && E.bg[i]) { row(table, 'Reported', 'only in passing, as background to later news'); }
    if (E.sub[i]) { row(table, 'Sub-type', this.s(E.sub[i])); }
    var actors = [this.s(E.a1[i]), this.s(E.a2[i])].filter(Boolean);
    if (actors.length) { row(table, 'Actors', actors.join(' vs. ')); }
    var f0 = E.f0[i], f1 = E.f1[i];
    var toll = f0 === null ? 'not reported' : (f1 !== null && f1 !== f0 ? f0 + '–' + f1 + ' (sources differ)' : String(f0));
    row(table, 'Fatalities', toll);
    var place = [this.s(E.loc[i]), this.s(E.adm[i])].filter(Boolean).join(', ') || 'unnamed place';
    place += ' (' + (GEO_LABEL[E.gp[i]] || 'precision ' + E.gp[i]) + ')';
    row(table, 'Place', place);
    if (E.note[i]) { row(table, 'Place chosen', this.s(E.note[i])); }
    row(table, 'Coordinates', E.lat[i].toFixed(4) + ', ' + E.lon[i].toFixed(4));
    var zones = E.zin[i].map(function (k) { return self.s(k); })
      .concat(E.ztx[i].map(function (k) { return self.s(k) + ' (per the text)'; }));
    row(table, 'Zones', zones.length ? zones.join('; ') : 'none');
    box.appendChild(table);
    if (E.ev[i].length) {
      box.appendChild(el('h4', null, 'Evidence'));
      E.ev[i].forEach(function (k) { box.appendChild(el('blockquote', 'imap-evidence', self.s(k))); });
    }
    if (E.src[i].length) {
      box.appendChild(el('h4', null, 'Sources (' + E.src[i].length + ')'));
      var list = el('ul', 'imap-sources');
      E.src[i].forEach(function (src) {
        var item = el('li');
        var name = self.s(src[0]) || 'source';
        var url = self.s(src[1]);
        var href = safeUrl(url);
        if (href) {
          var a = el('a', null, name);
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer nofollow';
          item.appendChild(a);
        } else {
          item.appendChild(el('span', null, name));
        }
        var bits = [];
        if (src[2]) { bits.push('“' + self.s(src[2]) + '”'); }
        if (src[3]) { bits.push(self.s(src[3])); }
        if (src[4] !== null && src[4] !== undefined) { bits.push(src[4] + ' killed'); }
        if (bits.length) { item.appendChild(el('span', 'imap-note', ' ' + bits.join(', '))); }
        if (url && !href) { item.appendChild(el('div', 'imap-note', 'link not opened (not http/https): ' + url)); }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    box.appendChild(el('div', 'imap-note', 'event ' + E.id[i]));
    return box;
  };

  /* ---------------------------------------------------------------- controls */

  function legendControl(ev, zoneItems) {
    var control = L.control({position: 'bottomright'});
    control.onAdd = function () {
      var box = el('div', 'imap-legend leaflet-control');
      box.setAttribute('data-imap-legend', '1');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      /* the legend folds away (small maps in reports, phones); it starts folded on short maps */
      var fold = el('button', 'imap-fold', 'hide legend');
      fold.type = 'button';
      fold.setAttribute('aria-expanded', 'true');
      fold.addEventListener('click', function () {
        var folded = box.classList.toggle('imap-folded');
        fold.textContent = folded ? 'legend' : 'hide legend';
        fold.setAttribute('aria-expanded', folded ? 'false' : 'true');
      });
      box.appendChild(fold);
      if (ev.map.getSize().y < 420) { box.classList.add('imap-folded'); fold.textContent = 'legend'; }
      box.appendChild(el('h4', null, 'Event types'));
      var counts = [];
      ev.types.forEach(function (type, t) {
        var line = el('div', 'imap-legend-row');
        line.appendChild(iconSvg(ev.data.icons[type.icon] || ev.data.icons.dot, type.color, 18));
        line.appendChild(el('span', 'imap-legend-label', type.name));
        var count = el('span', 'imap-count', '');
        counts[t] = count;
        line.appendChild(count);
        box.appendChild(line);
      });
      if (!ev.types.length) { box.appendChild(el('div', 'imap-note', 'no events')); }
      box.appendChild(el('h4', null, 'Size: fatalities'));
      var sizes = el('div', 'imap-legend-row imap-sizes');
      [0, 10, 100, 1000].forEach(function (f) {
        var item = el('span', 'imap-size');
        item.appendChild(iconSvg(null, '#9a9a9a', markerSize(f)));
        item.appendChild(el('span', null, f === 0 ? '0/unknown' : String(f)));
        sizes.appendChild(item);
      });
      box.appendChild(sizes);
      if (zoneItems.length) {
        box.appendChild(el('h4', null, 'Zones'));
        zoneItems.forEach(function (zone) {
          var line = el('div', 'imap-legend-row');
          var sw = el('span', 'imap-zone-swatch');
          sw.style.borderColor = zone.style.color || '#444';
          sw.style.borderStyle = zone.style.dashArray ? 'dashed' : 'solid';
          if (zone.kind === 'line') { sw.className += ' imap-zone-line'; }
          line.appendChild(sw);
          line.appendChild(el('span', 'imap-legend-label', zone.name));
          box.appendChild(line);
        });
      }
      var unc = el('div', 'imap-legend-row');
      unc.appendChild(el('span', 'imap-unc-swatch'));
      unc.appendChild(el('span', 'imap-legend-label', 'Place uncertainty (approximate places)'));
      box.appendChild(unc);
      var status = el('div', 'imap-status');
      box.appendChild(status);
      control.update = function () {
        ev.types.forEach(function (type, t) {
          counts[t].textContent = ev.typeCounts[t] + (ev.typeCounts[t] !== type.count ? '/' + type.count : '');
        });
        var text = ev.count + ' of ' + ev.n + ' events shown';
        if (ev.data.unplaced) { text += '; ' + ev.data.unplaced + ' without a place not mapped'; }
        if (ev.clustering) { text += '; nearby events grouped (zoom in to separate)'; }
        status.textContent = text;
      };
      return box;
    };
    return control;
  }

  function dateControl(ev) {
    var control = L.control({position: 'bottomleft'});
    control.onAdd = function () {
      var box = el('div', 'imap-dates leaflet-control');
      box.setAttribute('data-imap-dates', '1');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      box.appendChild(el('h4', null, 'Dates'));
      if (ev.dayMin === null) {
        box.appendChild(el('div', 'imap-note', 'no dated events'));
        return box;
      }
      var labels = el('div', 'imap-date-labels');
      var fromLabel = el('span', 'imap-from', isoDay(ev.from));
      var toLabel = el('span', 'imap-to', isoDay(ev.to));
      labels.appendChild(fromLabel);
      labels.appendChild(el('span', null, ' to '));
      labels.appendChild(toLabel);
      box.appendChild(labels);
      function slider(value, name) {
        var input = el('input', 'imap-range');
        input.type = 'range';
        input.min = String(ev.dayMin);
        input.max = String(ev.dayMax);
        input.step = '1';
        input.value = String(value);
        input.setAttribute('aria-label', name);
        return input;
      }
      var start = slider(ev.from, 'first day shown');
      var end = slider(ev.to, 'last day shown');
      box.appendChild(start);
      box.appendChild(end);
      function changed() {
        var a = Number(start.value), b = Number(end.value);
        if (a > b) { if (this === start) { end.value = String(a); b = a; } else { start.value = String(b); a = b; } }
        ev.from = a;
        ev.to = b;
        fromLabel.textContent = isoDay(a);
        toLabel.textContent = isoDay(b);
        ev.refresh();
      }
      start.addEventListener('input', changed);
      end.addEventListener('input', changed);
      if (ev.undated) {
        var label = el('label', 'imap-undated');
        var box2 = el('input');
        box2.type = 'checkbox';
        box2.checked = ev.includeUndated;
        box2.addEventListener('change', function () { ev.includeUndated = box2.checked; ev.refresh(); });
        label.appendChild(box2);
        label.appendChild(document.createTextNode(' include ' + ev.undated + ' undated'));
        box.appendChild(label);
      }
      var reset = el('button', 'imap-linkbutton', 'all dates');
      reset.type = 'button';
      reset.addEventListener('click', function () {
        start.value = String(ev.dayMin);
        end.value = String(ev.dayMax);
        changed.call(start);
      });
      box.appendChild(reset);
      return box;
    };
    return control;
  }

  function swatchLabel(color, text, kind) {
    return '<span class="imap-swatch' + (kind ? ' imap-swatch-' + kind : '') + '" style="background:' +
      esc(color) + '"></span>' + esc(text);
  }

  function addZones(map, features, overlays) {
    var items = [];
    features.forEach(function (feature) {
      var props = feature.properties || {};
      var style = props.style || {};
      var layer = L.geoJSON(feature, {
        style: function () {
          return {
            color: style.color || '#444', weight: style.weight || 2, opacity: style.opacity === undefined ? 0.9 : style.opacity,
            fillColor: style.fillColor || style.color || '#444',
            fillOpacity: style.fillOpacity === undefined ? 0.06 : style.fillOpacity,
            dashArray: props.kind === 'line-axis' ? null : (style.dashArray || null)
          };
        },
        interactive: props.kind !== 'line-axis',
        className: props.kind === 'line-axis' ? 'imap-zone-axis' : 'imap-zone'
      });
      if (props.kind === 'line-axis') {
        layer.addTo(map);
        return;
      }
      layer.bindTooltip(function () { return el('span', null, props.name || 'zone'); }, {sticky: true});
      layer.bindPopup(function () {
        var box = el('div', 'imap-popup');
        box.appendChild(el('h3', null, props.name || 'zone'));
        if (props.radius_km) { box.appendChild(el('div', null, props.radius_km + ' km around its centre (geodesic)')); }
        if (props.buffer_km) { box.appendChild(el('div', null, 'within ' + props.buffer_km + ' km of the line')); }
        if (props.description) { box.appendChild(el('p', null, props.description)); }
        return box;
      });
      layer.addTo(map);
      overlays[swatchLabel(style.color || '#444', 'Zone: ' + (props.name || 'zone'), 'zone')] = layer;
      items.push({name: props.name || 'zone', style: style, kind: props.kind, layer: layer});
    });
    return items;
  }

  function addBasemap(map, data, borders, bases) {
    var offline = L.layerGroup();
    bases['Offline borders only'] = offline;
    offline.addTo(map);
    (data.tiles || []).forEach(function (tile) {
      bases[esc(tile.name)] = L.tileLayer(tile.url, {attribution: tile.attribution, maxZoom: tile.maxZoom || 18});
    });
    if (!borders) { return null; }
    var pane = map.createPane('imapBasemap');
    pane.style.zIndex = 150;  /* under the tile pane (200): tiles cover it when they load */
    var renderer = L.canvas({pane: 'imapBasemap', padding: 0.3});
    var layer = L.geoJSON(borders, {
      pane: 'imapBasemap', renderer: renderer, interactive: false,
      style: {color: '#9b9486', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1}
    });
    layer.addTo(map);
    if (data.basemapCredit && map.attributionControl) { map.attributionControl.addAttribution(esc(data.basemapCredit)); }
    return layer;
  }

  function titleControl(title) {
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var box = el('div', 'imap-title leaflet-control', title);
      box.setAttribute('data-imap-title', '1');
      return box;
    };
    return control;
  }

  /* Mount a data block (the element id of the JSON data script) on a Leaflet map. */
  /* A data block's value: parsed JSON, or a Promise of it when the block is gzip-compressed (large maps;
     the browser inflates it with DecompressionStream, no library needed). */
  function readBlock(id) {
    var node = id ? document.getElementById(id) : null;
    if (!node) { return null; }
    if (node.type !== 'application/x-gzip-base64') { return JSON.parse(node.textContent); }
    var binary = atob(node.textContent.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  /* Mount a map's data blocks (element ids of its JSON data and of the basemap borders) on a Leaflet map. */
  function mount(map, dataId, basemapId) {
    var node = document.getElementById(dataId);
    if (node.type !== 'application/json' && typeof DecompressionStream === 'undefined') {
      map.getContainer().appendChild(el('div', 'imap-title imap-error',
        'This browser cannot read compressed map data; open the map in a current browser.'));
      return null;
    }
    var data = readBlock(dataId), borders = readBlock(basemapId);
    if (!(data instanceof Promise) && !(borders instanceof Promise)) { return start(map, data, borders); }
    return Promise.all([data, borders]).then(function (both) { return start(map, both[0], both[1]); });
  }

  function start(map, data, borders) {
    var container = map.getContainer();
    container.classList.add('imap-container');
    map.options.maxZoom = map.options.maxZoom || 18;
    if (map.getMaxZoom() === Infinity) { map.setMaxZoom(18); }
    var bases = {}, overlays = {};
    map.createPane('imapLabels').style.zIndex = 550;  /* above the zones, below the markers (600) */
    var bordersLayer = addBasemap(map, data, borders, bases);
    if (bordersLayer) { overlays['Country borders (offline)'] = bordersLayer; }
    var zoneItems = addZones(map, data.zones || [], overlays);
    var ev = new Events(map, data);
    var typeLayers = data.types.map(function (type, t) {
      var toggle = L.layerGroup();
      toggle.imapType = t;
      toggle.addTo(map);
      overlays[swatchLabel(type.color, type.name)] = toggle;
      return toggle;
    });
    overlays['Place uncertainty (circles)'] = ev.uncertainty;
    ev.uncertainty.addTo(map);
    overlays['Place names'] = ev.labels;
    ev.labels.addTo(map);
    ev.markers.addTo(map);
    L.control.layers(bases, overlays, {collapsed: true, position: 'topright'}).addTo(map);
    if (data.title) { titleControl(data.title).addTo(map); }
    var legend = legendControl(ev, zoneItems);
    legend.addTo(map);
    dateControl(ev).addTo(map);
    ev.onchange = function () { legend.update(); };
    function toggled(e) {
      if (e.layer && e.layer.imapType !== undefined) {
        ev.typeOn[e.layer.imapType] = map.hasLayer(e.layer);
        ev.refresh();
      }
    }
    map.on('overlayadd overlayremove', toggled);
    map.on('zoomend', function () { if (ev.spread) { ev.draw(); } });
    map.on('moveend', function () { if (ev.count > data.clusterThreshold) { ev.draw(); legend.update(); } });
    if (data.bounds) {
      var b = data.bounds;
      if (b[0][0] === b[1][0] && b[0][1] === b[1][1]) {
        map.setView(b[0], 9, {animate: false});
      } else {
        /* keep events and zones clear of the legend when the map is wide enough to spare the room */
        var size = map.getSize(), legendBox = legend.getContainer();
        var right = legendBox && size.x > 2.5 * legendBox.offsetWidth ? legendBox.offsetWidth + 20 : 30;
        map.fitBounds(b, {paddingTopLeft: [30, 30], paddingBottomRight: [right, 30], maxZoom: 11, animate: false});
      }
    }
    ev.refresh();
    container.setAttribute('data-imap-ready', '1');
    container.setAttribute('data-imap-zones', String(zoneItems.length));
    return ev;
  }

  window.incidentmap = {mount: mount, safeUrl: safeUrl, esc: esc, version: 1};
})();
