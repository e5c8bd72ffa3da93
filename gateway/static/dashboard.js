// Bảng điều hành: reads only the gateway's API (/api/v1/...), draws its charts as inline SVG.
(function () {
  "use strict";
  var TOKEN_KEY = "camau.token";
  var $ = function (id) { return document.getElementById(id); };
  // Official Vietnamese labels of the codes the API returns.
  var LABELS = {
    LABOUR_INVALIDS_SOCIAL: "Lao động - TB&XH", JUSTICE_CIVIL_STATUS: "Tư pháp - hộ tịch", LAND: "Đất đai",
    OTHER: "Khác", TRUC_TIEP: "Trực tiếp", BUU_CHINH: "Bưu chính", DIEN_TU: "Điện tử", DIEN_THOAI: "Điện thoại",
    CONG_DVC_QG: "Cổng DVC quốc gia", DOI_THOAI: "Đối thoại", EXCELLENT: "Hoàn thành xuất sắc",
    GOOD: "Hoàn thành tốt", COMPLETED: "Hoàn thành", NOT_COMPLETED: "Không hoàn thành", NOT_RATED: "Chưa xếp loại",
    KHIEN_TRACH: "Khiển trách", CANH_CAO: "Cảnh cáo", HA_BAC_LUONG: "Hạ bậc lương", GIANG_CHUC: "Giáng chức",
    CACH_CHUC: "Cách chức", BAI_NHIEM: "Bãi nhiệm", BUOC_THOI_VIEC: "Buộc thôi việc"
  };

  function api(path) {
    return fetch(path, { headers: { Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY) } })
      .then(function (response) {
        if (response.status === 401) { logout(); throw new Error("Phiên đăng nhập đã hết hạn"); }
        return response.json();
      });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function svgElement(tag, attributes, text) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function indicatorCard(indicator) {
    var card = element("div", { "class": "card indicator" });
    var value = indicator.value + (indicator.of != null ? " / " + indicator.of : "");
    card.appendChild(element("div", { "class": "value" }, value));
    card.appendChild(element("div", { "class": "label" }, indicator.label));
    if (indicator.percent != null) {
      var bar = element("div", { "class": "bar", role: "img", "aria-label": indicator.percent + "%" });
      var fill = element("span");
      fill.style.width = Math.min(100, indicator.percent) + "%";
      bar.appendChild(fill);
      card.appendChild(bar);
      card.appendChild(element("div", { "class": "label" }, indicator.percent + "%"));
    }
    return card;
  }

  function barChart(title, counts) {
    var card = element("div", { "class": "card chart" });
    card.appendChild(element("h3", {}, title));
    var keys = Object.keys(counts);
    var max = Math.max.apply(null, keys.map(function (k) { return counts[k]; }).concat([1]));
    var rowHeight = 26, labelWidth = 170, width = 170, height = Math.max(1, keys.length) * rowHeight + 8;
    var svg = svgElement("svg", { viewBox: "0 0 " + (labelWidth + width + 50) + " " + height, width: "100%",
                                  role: "img", "aria-label": title });
    keys.forEach(function (key, index) {
      var y = index * rowHeight + 4, length = Math.max(2, width * counts[key] / max);
      svg.appendChild(svgElement("text", { x: 0, y: y + 14 }, LABELS[key] || key));
      svg.appendChild(svgElement("rect", { x: labelWidth, y: y, height: 18, fill: "#1f6feb", width: length,
                                           "class": "bar-rect" }));
      svg.appendChild(svgElement("text", { x: labelWidth + length + 4, y: y + 14 }, String(counts[key])));
    });
    if (!keys.length) { card.appendChild(element("p", {}, "Chưa có số liệu")); }
    card.appendChild(svg);
    return card;
  }

  function render(report, scopeName) {
    $("scope-title").textContent = scopeName + " - năm " + report.year;
    var partial = $("partial");
    partial.hidden = !report.partial;
    partial.textContent = report.partial ? "Thiếu số liệu từ: " +
      report.unavailable.map(function (u) { return u.service; }).join(", ") : "";
    var indicators = $("indicators"), charts = $("charts");
    indicators.textContent = ""; charts.textContent = "";
    Object.keys(report.indicators).forEach(function (code) {
      var card = indicatorCard(report.indicators[code]);
      card.setAttribute("data-indicator", code);
      indicators.appendChild(card);
    });
    Object.keys(report.breakdowns).forEach(function (name) {
      var chart = barChart(report.breakdowns[name].title, report.breakdowns[name].counts);
      chart.setAttribute("data-chart", name);
      charts.appendChild(chart);
    });
    var downloads = $("downloads");
    downloads.textContent = "";
    ["indicators"].concat(Object.keys(report.breakdowns)).forEach(function (table) {
      ["csv", "xlsx"].forEach(function (format) {
        var link = element("a", { href: "#" }, table + "." + format);
        link.addEventListener("click", function (event) { event.preventDefault(); download(table, format); });
        downloads.appendChild(link);
        downloads.appendChild(document.createTextNode(" "));
      });
    });
  }

  function reportPath(format, table) {
    var year = $("year").value, unit = $("unit").value;
    var base = unit ? "/api/v1/units/" + encodeURIComponent(unit) + "/scorecard" : "/api/v1/reports/annual";
    return base + "?year=" + encodeURIComponent(year) + (format ? "&format=" + format + "&table=" + table : "");
  }

  function download(table, format) {
    fetch(reportPath(format, table), { headers: { Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY) } })
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        var link = element("a", { href: URL.createObjectURL(blob), download: table + "." + format });
        document.body.appendChild(link); link.click(); link.remove();
      });
  }

  function load() {
    var select = $("unit");
    api(reportPath()).then(function (report) {
      render(report, select.value ? select.options[select.selectedIndex].text : "Toàn tỉnh");
      document.body.setAttribute("data-loaded", "true");
    }).catch(function (error) { $("partial").hidden = false; $("partial").textContent = error.message; });
  }

  function showBoard() {
    $("login").hidden = true; $("board").hidden = false;
    api("/api/v1/units").then(function (units) {
      (units.items || []).forEach(function (unit) {
        $("unit").appendChild(element("option", { value: unit.id }, unit.name));
      });
    });
    load();
  }

  function logout() {
    sessionStorage.removeItem(TOKEN_KEY);
    $("board").hidden = true; $("login").hidden = false;
  }

  $("login").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    fetch("/api/v1/auth/token", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: form.username.value, password: form.password.value }) })
      .then(function (response) { return response.json().then(function (body) { return [response.ok, body]; }); })
      .then(function (answer) {
        if (!answer[0]) { $("login-error").textContent = answer[1].message; return; }
        sessionStorage.setItem(TOKEN_KEY, answer[1].access_token);
        showBoard();
      });
  });
  $("filters").addEventListener("submit", function (event) { event.preventDefault(); load(); });
  $("logout").addEventListener("click", logout);
  var params = new URLSearchParams(location.search);
  $("year").value = params.get("year") || new Date().getFullYear();
  if (sessionStorage.getItem(TOKEN_KEY)) { showBoard(); } else { $("login").hidden = false; }
})();
